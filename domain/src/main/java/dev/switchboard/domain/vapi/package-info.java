/**
 * Vapi's calls back into our records and tools: server messages ({@code status-update},
 * {@code end-of-call-report}, {@code transcript}, {@code conversation-update}, {@code tool-calls},
 * {@code assistant-request}, …) as domain values, and {@link IngestVapiMessage}, which turns them
 * into one consistent {@code Call} with its timeline and transcript — whatever order they arrive
 * in and however often they are redelivered. JSON stays in the adapter.
 */
package dev.switchboard.domain.vapi;
