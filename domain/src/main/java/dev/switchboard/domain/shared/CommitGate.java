package dev.switchboard.domain.shared;

import java.util.function.Supplier;

/**
 * The last word on whether a piece of work may still make its one lasting change (a booking, a
 * cancellation). Work that can be abandoned by whoever runs it — a tool the runner stops at its
 * deadline — writes through its gate, so that what the runner reports and what the store holds
 * cannot disagree: either the gate refuses the write (the work was abandoned first, nothing is
 * written), or the runner learns that the write began and waits for its real result.
 *
 * <p>Thread-safe implementations; {@link #OPEN} lets every write through (work nobody abandons).
 */
public interface CommitGate {
    /** The gate of work that cannot be abandoned: every write happens. */
    CommitGate OPEN = new CommitGate() {
        @Override
        public <T> T commit(Supplier<T> write) {
            return write.get();
        }
    };

    /**
     * Runs {@code write} unless the work was abandoned. Exceptions of {@code write} pass through
     * unchanged; either way the write is over when this returns.
     *
     * @throws Refused when the work was abandoned before the write began; nothing was written
     */
    <T> T commit(Supplier<T> write);

    /** The work was abandoned before its write could begin. Nothing was written. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }
}
