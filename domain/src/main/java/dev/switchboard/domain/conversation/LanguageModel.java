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

    /**
     * Which model will really answer {@code settings} for {@code tenant} when it is not the one
     * asked for — e.g. the offline demo model because no key exists for the provider — so the
     * call's timeline and the assistant's view can say so before anyone wonders. Empty when the
     * model asked for answers.
     */
    default java.util.Optional<StandIn> standIn(dev.switchboard.domain.shared.TenantId tenant,
                                               dev.switchboard.domain.assistant.ModelSettings settings) {
        return java.util.Optional.empty();
    }

    /**
     * @param provider the provider that answers instead, e.g. {@code offline}
     * @param model its model
     * @param reason plain words for the timeline and the assistant's warnings
     */
    record StandIn(String provider, String model, String reason) {
        public StandIn {
            java.util.Objects.requireNonNull(provider, "provider");
            java.util.Objects.requireNonNull(model, "model");
            java.util.Objects.requireNonNull(reason, "reason");
        }
    }
}
