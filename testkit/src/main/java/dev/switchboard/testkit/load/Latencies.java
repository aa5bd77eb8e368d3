package dev.switchboard.testkit.load;

import java.util.Arrays;

/** A growing set of latencies in nanoseconds, read as percentiles. Thread-safe. */
public final class Latencies {
    private long[] values = new long[1024];
    private int size;

    /** Adds one measurement. */
    public synchronized void add(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = nanos;
    }

    /** Every measurement so far, in nanoseconds, in the order added (a copy). */
    public synchronized long[] values() {
        return Arrays.copyOf(values, size);
    }

    /** Adds every one of {@code nanos}. */
    public synchronized void addAll(long[] nanos) {
        for (long n : nanos) add(n);
    }

    /** How many measurements. */
    public synchronized int count() {
        return size;
    }

    /** The {@code p}-th percentile (nearest rank, 0 < p ≤ 100) in milliseconds; NaN when empty. */
    public synchronized double percentileMillis(double p) {
        if (size == 0) return Double.NaN;
        var sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    /** The largest, in milliseconds; NaN when empty. */
    public double maxMillis() {
        return percentileMillis(100);
    }
}
