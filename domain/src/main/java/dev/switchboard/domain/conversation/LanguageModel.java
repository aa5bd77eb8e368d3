package dev.switchboard.domain.conversation;

import dev.switchboard.domain.shared.PortFailure;

/**
 * A language model that streams a reply and may ask for tools (Claude, OpenAI, the offline
 * demo model). Implementations pick the provider from {@link ModelRequest#settings()}.
 *
 * <p>Blocking: returns when the reply is complete, was cancelled, or failed; text is handed to
 * {@code listener} as it arrives, before this method returns. Thread-safe: many calls at once.
 */
public interface LanguageModel {
    /**
     * @param cancellation when cancelled, the implementation stops reading promptly and returns
     *     what it had, with {@link ModelReply.StopReason#CANCELLED}
     * @throws PortFailure when the provider fails (timeout, refused key, 5xx, broken stream…);
     *     no text has been passed to the listener when it fails before the first token
     */
    ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation);
}
