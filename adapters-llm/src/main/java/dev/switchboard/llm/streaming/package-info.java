/**
 * Provider-neutral streaming machinery shared by the model adapters: a provider call runs on a
 * worker thread and hands {@link dev.switchboard.llm.streaming.StreamPiece}s to the caller's
 * thread, which enforces the first-token and total deadlines, honours cancellation and retries
 * failures that happen before the first token.
 */
package dev.switchboard.llm.streaming;
