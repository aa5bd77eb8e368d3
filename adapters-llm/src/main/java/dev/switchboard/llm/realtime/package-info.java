/**
 * Speech-to-speech models over WebSocket: OpenAI Realtime (GA dialect, PROTOCOLS.md §10; μ-law
 * both ways, no transcoding) and Gemini Live (§12; the phone's μ-law transcoded to and from
 * linear PCM through audio-core).
 */
package dev.switchboard.llm.realtime;
