/**
 * Calls whose conversation a provider's model drives (the stream runtime's speech-to-speech
 * models, Vapi's hosted agent): what still happens on our side, written once for all of them —
 * recording caller and agent turns in order, running the provider's tool calls through the one
 * {@link dev.switchboard.domain.tool.ToolRunner}, cutting an agent message to what the caller
 * heard, handing off and ending. Provider vocabularies (Vapi's server messages, Realtime events)
 * stay in their adapters.
 */
package dev.switchboard.domain.modelcall;
