/**
 * The conversation engine every runtime shares: history, streamed replies, the tool loop,
 * interruptions, DTMF, hand-off and hang-up; and the {@link dev.switchboard.domain.conversation.LanguageModel} port.
 */
package dev.switchboard.domain.conversation;
