/** Vapi's REST API behind the domain's {@code VoiceAgentHost} port. */
package dev.switchboard.vapi.out;
