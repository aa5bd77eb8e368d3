package dev.switchboard.domain.studio;

/** Where an assistant stands with Vapi. */
public enum SyncStatus {
    /** Vapi holds exactly what we sent (read back and compared) and its numbers point at it. */
    SYNCED,
    /** The last sync failed at some step; the error says which. */
    FAILED,
    /** Someone changed or deleted the assistant in Vapi since we synced it. */
    DRIFTED
}
