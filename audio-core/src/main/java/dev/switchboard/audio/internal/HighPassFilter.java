package dev.switchboard.audio.internal;

/**
 * Second-order Butterworth high-pass (bilinear transform), used to keep DC offsets and mains hum
 * (50/60 Hz and low harmonics, common on analogue lines) out of energy measurements.
 */
public final class HighPassFilter {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;

    /** @param cutoffHz −3 dB frequency, Hz; @param fs sample rate, Hz */
    public HighPassFilter(double cutoffHz, double fs) {
        double k = Math.tan(Math.PI * cutoffHz / fs);
        double q = Math.sqrt(0.5);
        double norm = 1 / (1 + k / q + k * k);
        b0 = norm;
        b1 = -2 * norm;
        b2 = norm;
        a1 = 2 * (k * k - 1) * norm;
        a2 = (1 - k / q + k * k) * norm;
    }

    /** Forgets the filter state. */
    public void reset() {
        x1 = 0;
        x2 = 0;
        y1 = 0;
        y2 = 0;
    }

    /** Copies the state of {@code other} (same configuration). */
    public void copyStateFrom(HighPassFilter other) {
        x1 = other.x1;
        x2 = other.x2;
        y1 = other.y1;
        y2 = other.y2;
    }

    /** Filters {@code len} samples and returns the sum of squares of the output. */
    public double energy(short[] x, int off, int len) {
        double e = 0;
        for (int i = 0; i < len; i++) {
            double in = x[off + i];
            double y = b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            e += y * y;
        }
        return e;
    }
}
