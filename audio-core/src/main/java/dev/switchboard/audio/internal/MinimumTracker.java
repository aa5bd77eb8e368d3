package dev.switchboard.audio.internal;

import java.util.Arrays;

/**
 * Minimum of a value over a sliding window, kept as the minima of a few sub-windows (as in
 * Martin's minimum statistics): a noise floor that falls immediately and rises only after the
 * quieter past has left the window, so speech cannot drag it up while it lasts.
 */
public final class MinimumTracker {
    private final int perSubWindow;
    private final double[] minima;
    private double current;
    private int count;
    private int slot;

    /** Window = {@code perSubWindow × subWindows} values. */
    public MinimumTracker(int perSubWindow, int subWindows) {
        this.perSubWindow = Math.max(1, perSubWindow);
        this.minima = new double[Math.max(1, subWindows)];
        reset();
    }

    /** Forgets all values. */
    public void reset() {
        Arrays.fill(minima, Double.POSITIVE_INFINITY);
        current = Double.POSITIVE_INFINITY;
        count = 0;
        slot = 0;
    }

    /** Copies the state of {@code other} (same configuration). */
    public void copyStateFrom(MinimumTracker other) {
        System.arraycopy(other.minima, 0, minima, 0, minima.length);
        current = other.current;
        count = other.count;
        slot = other.slot;
    }

    /** Adds one value. */
    public void add(double v) {
        current = Math.min(current, v);
        if (++count == perSubWindow) {
            minima[slot] = current;
            slot = (slot + 1) % minima.length;
            current = Double.POSITIVE_INFINITY;
            count = 0;
        }
    }

    /** Minimum over the window; +∞ before the first value. */
    public double minimum() {
        double m = current;
        for (double v : minima) {
            m = Math.min(m, v);
        }
        return m;
    }
}
