package dev.switchboard.domain.call;

/**
 * Counters of a {@link CallRecorder} since it started.
 *
 * @param stored records written
 * @param retried times a batch was tried again after a transient failure (the database away, a timeout)
 * @param failed records given up after failing to store (refused by the database, or still failing when retries ran out)
 * @param dropped records refused because the queue stayed full (back-pressure ran out)
 * @param pending records queued and not yet stored
 */
public record RecordingCounts(long stored, long retried, long failed, long dropped, long pending) {
    /** Records that are lost: failed plus dropped. */
    public long lost() {
        return failed + dropped;
    }
}
