package dev.switchboard.domain.conversation;

/**
 * Where the engine's words and decisions go: the runtime carrying the call (ConversationRelay
 * socket, a test, the CLI). Calls arrive on the engine's turn thread, in order; implementations
 * must not block for long (a slow socket write delays the next token).
 */
public interface ConversationOutput {
    /**
     * The next piece of what the agent says. {@code last} marks the end of the agent's turn;
     * {@code delta} may then be empty.
     */
    void text(String delta, boolean last);

    /**
     * Press keypad keys on the call (DTMF), e.g. to get through the menu of a business we called.
     *
     * @return whether this runtime could send them; one that cannot says so and the engine notes it
     */
    default boolean sendDigits(String digits) {
        return false;
    }

    /** End the AI part of the call and connect the caller to a human. */
    void handOff(HandOff handOff);

    /** End the call after what has been said. */
    void hangUp(String reason);
}
