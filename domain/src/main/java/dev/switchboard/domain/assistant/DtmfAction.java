package dev.switchboard.domain.assistant;

/** What pressing a key does during a call. */
public enum DtmfAction {
    /** Hand the caller to a human at the assistant's transfer number. */
    TRANSFER_TO_HUMAN,
    /** Say the agent's last message again. */
    REPEAT_LAST_MESSAGE,
    /** Say goodbye and hang up. */
    END_CALL
}
