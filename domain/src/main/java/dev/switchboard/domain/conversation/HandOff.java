package dev.switchboard.domain.conversation;

import dev.switchboard.domain.shared.E164Number;

/**
 * Passing the caller to a human.
 *
 * @param transferNumber where to dial; {@code null} when the assistant has none (the runtime
 *     then tells the caller politely and ends)
 * @param reason why, in the model's or the policy's words
 * @param summary what the human should know, for the hand-off data
 */
public record HandOff(E164Number transferNumber, String reason, String summary) {}
