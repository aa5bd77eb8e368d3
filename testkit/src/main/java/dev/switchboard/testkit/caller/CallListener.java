package dev.switchboard.testkit.caller;

/**
 * Follows a call as it happens (the CLI prints from it). Called on the thread driving the call,
 * in order; every method does nothing by default.
 */
public interface CallListener {
    /** The voice webhook was answered with this TwiML. */
    default void answered(TwimlDocument twiml) {}

    /** The caller says this (the final prompt). */
    default void callerSaid(String text) {}

    /** The caller pressed these keys. */
    default void callerPressed(String digits) {}

    /** The first token of a turn arrived. */
    default void agentStarted() {}

    /** One {@code text} token arrived. */
    default void agentToken(String token) {}

    /** An agent turn finished. */
    default void agentTurnEnded(AgentTurn turn) {}

    /** The server sent {@code end}, with this raw JSON message. */
    default void sessionEnded(String endMessage) {}
}
