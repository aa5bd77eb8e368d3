package dev.switchboard.audio.internal;

/**
 * Decides, for one analysis window, which DTMF digit (if any) is present: the strongest row and
 * column bins must each pass the level, measured-frequency, twist, dominance, steadiness and
 * energy-share checks. Timing (minimum tone and pause) is the caller's job.
 */
public final class DtmfClassifier {
    private static final double[] FREQUENCIES = {697, 770, 852, 941, 1209, 1336, 1477, 1633};
    private static final String[] KEYPAD = {"123A", "456B", "789C", "*0#D"};

    private final double sampleRateHz;
    private final int hop;
    private final int window;
    private final double minPower;
    private final double maxDeviation;
    private final double normalTwistDb;
    private final double reverseTwistDb;
    private final double peakRatio;
    private final double minShare;
    private final ToneAnalyzer analyzer;
    private final double[] power = new double[8];
    private final double[] previous = new double[8];
    private final double[] advance = new double[8];

    /**
     * @param sampleRateHz   rate, Hz; windows are 20 ms evaluated every 5 ms
     * @param minLevelDbfs   weakest tone, dBFS (sine amplitude re 32768)
     * @param maxDeviation   accepted relative frequency deviation
     * @param normalTwistDb  column louder than row by at most this, dB
     * @param reverseTwistDb row louder than column by at most this, dB
     * @param minPeakDb      margin over the other bins of the group, dB
     * @param minShare       fraction of window power the two tones must carry
     */
    public DtmfClassifier(int sampleRateHz, double minLevelDbfs, double maxDeviation, double normalTwistDb,
                          double reverseTwistDb, double minPeakDb, double minShare) {
        this.sampleRateHz = sampleRateHz;
        this.hop = sampleRateHz / 200;
        this.window = 4 * hop;
        this.minPower = 0.5 * Math.pow(32768 * Math.pow(10, minLevelDbfs / 20), 2);
        this.maxDeviation = maxDeviation;
        this.normalTwistDb = normalTwistDb;
        this.reverseTwistDb = reverseTwistDb;
        this.peakRatio = Math.pow(10, -minPeakDb / 10);
        this.minShare = minShare;
        this.analyzer = new ToneAnalyzer(FREQUENCIES, sampleRateHz, hop, 4);
    }

    /** Samples per hop (one evaluation per hop). */
    public int hop() {
        return hop;
    }

    /** Samples per analysis window. */
    public int window() {
        return window;
    }

    /** Forgets all history. */
    public void reset() {
        analyzer.reset();
    }

    /** Copies the state of {@code other} (same configuration). */
    public void copyStateFrom(DtmfClassifier other) {
        analyzer.copyStateFrom(other.analyzer);
    }

    /** Consumes one hop from {@code x[off…off+hop)} and returns the digit in the newest window, or 0. */
    public char addHop(short[] x, int off) {
        analyzer.addHop(x, off);
        if (!analyzer.primed()) {
            return 0;
        }
        double total = analyzer.analyze(power, previous, advance) / window;
        int row = strongest(0);
        int col = strongest(4);
        double rowPower = tonePower(row);
        double colPower = tonePower(col);
        if (rowPower < minPower || colPower < minPower) {
            return 0;
        }
        double twistDb = 10 * Math.log10(colPower / rowPower);
        boolean ok = twistDb <= normalTwistDb && -twistDb <= reverseTwistDb
                && dominates(row, 0) && dominates(col, 4) && steady(row) && steady(col)
                && rowPower + colPower >= minShare * total;
        return ok ? KEYPAD[row].charAt(col - 4) : 0;
    }

    private int strongest(int from) {
        int best = from;
        for (int b = from + 1; b < from + 4; b++) {
            if (power[b] > power[best]) {
                best = b;
            }
        }
        return best;
    }

    private boolean dominates(int bin, int from) {
        for (int b = from; b < from + 4; b++) {
            if (b != bin && power[b] > power[bin] * peakRatio) {
                return false;
            }
        }
        return true;
    }

    // A tone that starts or stops inside the window changes level between consecutive windows.
    private boolean steady(int bin) {
        return previous[bin] > 0.5 * power[bin] && previous[bin] < 2 * power[bin];
    }

    // Mean power (A²/2) of the tone near this bin, corrected for the off-bin loss of the
    // rectangular window; −1 if its measured frequency is outside the tolerance.
    private double tonePower(int bin) {
        double offsetHz = advance[bin] * sampleRateHz / (2 * Math.PI * hop);
        if (Math.abs(offsetHz) > maxDeviation * FREQUENCIES[bin]) {
            return -1;
        }
        double x = Math.PI * offsetHz / sampleRateHz;
        double gain = Math.abs(x) < 1e-12 ? 1 : Math.sin(window * x) / (window * Math.sin(x));
        return 2 * power[bin] / ((double) window * window * gain * gain);
    }
}
