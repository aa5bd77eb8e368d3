/**
 * The virtual caller: places whole calls against a Switchboard server exactly as Twilio would
 * (PROTOCOLS.md §1–4, §6). It posts the signed voice webhook, reads the TwiML, opens the signed
 * ConversationRelay WebSocket, plays a {@link dev.switchboard.testkit.caller.CallScript} of caller
 * speech, key presses, interruptions and garbage, follows the agent's {@code end}, posts the
 * relay-action request and the status callbacks, and returns everything it saw as a
 * {@link dev.switchboard.testkit.caller.CallResult}. Low-level methods (forged signatures, raw
 * frames) serve negative tests; the {@code simulate} CLI uses it too.
 */
package dev.switchboard.testkit.caller;
