/**
 * Vapi on loopback: {@link FakeVapi}, a stateful fake of Vapi's REST API (assistants, phone
 * numbers, Twilio imports, error injection, dashboard edits), and {@link VapiMessageSender},
 * which posts realistic server messages to our webhook the way Vapi does (PROTOCOLS.md §8–9).
 */
package dev.switchboard.testkit.vapi;
