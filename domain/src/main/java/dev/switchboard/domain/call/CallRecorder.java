package dev.switchboard.domain.call;

import java.time.Duration;

/**
 * Takes what happens in a live call — timeline events and transcript turns — off the
 * conversation's critical path. Handing a record over is quick and never throws: storage is
 * somebody else's thread, and a failure to store is logged and counted there, never felt by the
 * caller. Records of one call are stored in the order they were handed over.
 *
 * <p>What is handed over but not yet stored is lost if the process dies; {@link #flush} is the
 * read-your-writes barrier for code that must see a call's whole record (the after-call summary).
 * Thread-safe.
 */
public interface CallRecorder {
    /** Queues one stage of a call's timeline. */
    void event(CallEvent event);

    /** Queues a transcript turn (a turn saved again with the same id replaces it, e.g. truncated after a barge-in). */
    void message(CallMessage message);

    /**
     * Waits until everything handed over before this call is stored (or given up as failed).
     *
     * @return {@code false} when {@code timeout} passed first (storage is down or overloaded)
     */
    boolean flush(Duration timeout);

    /** How storing has gone so far, for metrics and health. */
    RecordingCounts counts();

    /**
     * A recorder that stores each record at once on the calling thread, for tests and tools with
     * no background writer; failures are counted and swallowed, as the batching one does.
     */
    static CallRecorder direct(CallRepository calls) {
        return new DirectCallRecorder(calls);
    }
}
