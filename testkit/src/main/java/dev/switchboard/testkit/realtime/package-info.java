/**
 * Loopback fakes of the speech-to-speech model APIs the stream runtime talks to (OpenAI Realtime,
 * PROTOCOLS.md §10; Gemini Live, §12), speaking the real WebSocket events, scripted per call and recording what they
 * received.
 */
package dev.switchboard.testkit.realtime;
