/** Speech-to-speech models over WebSocket: OpenAI Realtime (GA dialect, PROTOCOLS.md §10). */
package dev.switchboard.llm.realtime;
