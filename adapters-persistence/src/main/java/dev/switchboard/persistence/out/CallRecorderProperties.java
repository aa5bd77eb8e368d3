package dev.switchboard.persistence.out;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The call recorder's bounds ({@code switchboard.recorder.*}, ADR 007).
 *
 * @param capacity records that may wait in the queue; beyond it, producers are held back
 * @param batchSize most records in one multi-row INSERT
 * @param linger how long the writer waits for more records before writing a batch that is not
 *     full — the batch window, and what a crash can lose on top of the queue
 * @param offerTimeout back-pressure: how long a producer (a turn) waits for room in a full queue
 *     before its record is dropped and counted
 * @param retryFor how long a batch is retried while the failure is transient (the database away,
 *     a timeout) before its records are given up and counted
 * @param closeTimeout how long shutdown waits for the queue to drain
 * @param writers how many writer threads, each with its own connection at a time and its share of
 *     the capacity; a call's records always go to the same writer, so they stay in order
 */
@ConfigurationProperties("switchboard.recorder")
record CallRecorderProperties(
        @Bindable(defaultValue = "20000") int capacity,
        @Bindable(defaultValue = "500") int batchSize,
        @Bindable(defaultValue = "10ms") Duration linger,
        @Bindable(defaultValue = "50ms") Duration offerTimeout,
        @Bindable(defaultValue = "30s") Duration retryFor,
        @Bindable(defaultValue = "15s") Duration closeTimeout,
        @Bindable(defaultValue = "2") int writers) {

    /** The settings of a recorder with one writer (tests that watch a single queue). */
    CallRecorderProperties(int capacity, int batchSize, Duration linger, Duration offerTimeout, Duration retryFor, Duration closeTimeout) {
        this(capacity, batchSize, linger, offerTimeout, retryFor, closeTimeout, 1);
    }

    CallRecorderProperties {
        // 9,000 rows of 7 parameters stay under PostgreSQL's 65,535 parameters per statement.
        if (capacity < 1 || batchSize < 1 || batchSize > 9_000)
            throw new IllegalArgumentException("switchboard.recorder: capacity must be positive and batch-size between 1 and 9000");
        if (writers < 1 || writers > capacity)
            throw new IllegalArgumentException("switchboard.recorder: writers must be between 1 and the capacity");
    }
}
