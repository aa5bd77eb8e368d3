package dev.switchboard.domain.conversation;

/**
 * Receives a reply while it streams. Called on the thread that called
 * {@link LanguageModel#reply}, in order; must return quickly (it feeds the caller's ear).
 */
@FunctionalInterface
public interface ReplyListener {
    /** The next piece of text, as soon as the model produced it. Never empty. */
    void onText(String delta);
}
