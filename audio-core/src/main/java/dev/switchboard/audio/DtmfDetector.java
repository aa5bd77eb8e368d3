package dev.switchboard.audio;

import dev.switchboard.audio.internal.ToneAnalyzer;
import java.util.Objects;

/**
 * Streaming DTMF receiver for all 16 digits ({@code 0-9 * # A-D}), with ITU-T Q.24-style
 * tolerances: frequency deviation ≤ 1.5 % accepted and ≥ 3.5 % rejected (the limit is measured,
 * not inferred from a filter's width), twist, minimum tone and pause durations, and checks
 * against talk-off (dominant peaks, tone share of total energy, steady level across windows).
 *
 * <p>Analysis: 20 ms single-bin DFTs at the 8 DTMF frequencies, evaluated every 5 ms (see
 * {@code internal.ToneAnalyzer}). Digits are reported to a {@link Listener} once the tone has
 * lasted about {@link Settings#minToneMs()}; timestamps are sample indices since the stream
 * began (or since {@link #reset()}), accurate to about one hop (5 ms). Works at any rate ≥ 8 kHz.
 *
 * <p>Single-threaded. {@link #process} reads the caller's array and does not allocate.
 */
public final class DtmfDetector {
    private static final double[] FREQUENCIES = {697, 770, 852, 941, 1209, 1336, 1477, 1633};
    private static final String[] KEYPAD = {"123A", "456B", "789C", "*0#D"};

    /**
     * Detector thresholds.
     *
     * @param minLevelDbfs          weakest accepted tone, dBFS per tone (sine amplitude re full scale)
     * @param maxFrequencyDeviation accepted |f − f_nominal| / f_nominal; between Q.24's 0.015 and 0.035
     * @param normalTwistDb         how much louder the column (high) tone may be than the row tone, dB
     * @param reverseTwistDb        how much louder the row (low) tone may be than the column tone, dB
     * @param minPeakRatioDb        margin of each tone over the next strongest bin of its group, dB
     * @param minToneShare          fraction of the window's power that the two tones must carry
     * @param minToneMs             tones shorter than this are ignored, ms
     * @param minPauseMs            a gap at least this long ends a digit (a repeated digit needs it), ms
     */
    public record Settings(double minLevelDbfs, double maxFrequencyDeviation, double normalTwistDb,
                           double reverseTwistDb, double minPeakRatioDb, double minToneShare,
                           int minToneMs, int minPauseMs) {
        /** Defaults: −35 dBFS, 2.5 %, 8 dB normal / 4 dB reverse twist, 8 dB peak, 60 % share, 40 ms, 40 ms. */
        public static Settings defaults() {
            return new Settings(-35, 0.025, 8, 4, 8, 0.6, 40, 40);
        }
    }

    /** Receives digits. Called from {@link #process} on the caller's thread. */
    public interface Listener {
        /** A digit has been recognised; {@code startSample} estimates where its tone began. */
        void digitStarted(char digit, long startSample);

        /** The digit's tone has ended at {@code endSample} (exclusive). */
        default void digitEnded(char digit, long startSample, long endSample) {
        }
    }

    private final Settings settings;
    private final int hop;
    private final int window;
    private final double sampleRateHz;
    private final int hitsToStart;
    private final int missesToEnd;
    private final ToneAnalyzer analyzer;
    private final short[] pending;
    private final double[] power = new double[8];
    private final double[] previous = new double[8];
    private final double[] advance = new double[8];
    private int pendingCount;
    private long consumed;
    private char candidate;
    private int run;
    private long runStart;
    private char active;
    private long activeStart;
    private long lastHitEnd;
    private int misses;

    private DtmfDetector(int sampleRateHz, Settings settings) {
        if (sampleRateHz < 8000) {
            throw new IllegalArgumentException("DTMF needs at least 8000 Hz: " + sampleRateHz);
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sampleRateHz = sampleRateHz;
        this.hop = sampleRateHz / 200;
        this.window = 4 * hop;
        int span = window + hop;
        this.hitsToStart = Math.max(1, (settings.minToneMs() * sampleRateHz / 1000 - span) / hop);
        // Every window that overlaps a gap fails, so a 5–10 ms dropout already costs up to
        // (gap + span)/hop evaluations; a real pause of minPauseMs costs more than pause/hop.
        this.missesToEnd = Math.max(1, settings.minPauseMs() * sampleRateHz / 1000 / hop);
        this.analyzer = new ToneAnalyzer(FREQUENCIES, sampleRateHz, hop, 4);
        this.pending = new short[hop];
        reset();
    }

    /** A detector with {@link Settings#defaults()}. */
    public static DtmfDetector create(int sampleRateHz) {
        return new DtmfDetector(sampleRateHz, Settings.defaults());
    }

    /** A detector with custom thresholds. */
    public static DtmfDetector create(int sampleRateHz, Settings settings) {
        return new DtmfDetector(sampleRateHz, settings);
    }

    /**
     * Analyses {@code len} samples and reports digit starts and ends to {@code listener}.
     *
     * @return the number of events reported
     */
    public int process(short[] pcm, int off, int len, Listener listener) {
        Objects.checkFromIndexSize(off, len, pcm.length);
        int events = 0;
        int end = off + len;
        while (off < end) {
            if (pendingCount == 0 && end - off >= hop) {
                analyzer.addHop(pcm, off);
                off += hop;
            } else {
                int n = Math.min(hop - pendingCount, end - off);
                System.arraycopy(pcm, off, pending, pendingCount, n);
                pendingCount += n;
                off += n;
                if (pendingCount < hop) {
                    break;
                }
                analyzer.addHop(pending, 0);
                pendingCount = 0;
            }
            consumed += hop;
            events += decide(listener);
        }
        return events;
    }

    /** The digit currently sounding, or {@code 0} if none. */
    public char activeDigit() {
        return active;
    }

    /** Decision delay: samples from a tone's start until it is reported, at least. */
    public int latencySamples() {
        return window + hop * hitsToStart;
    }

    /** Forgets all history; then behaves exactly like a fresh detector. */
    public void reset() {
        analyzer.reset();
        pendingCount = 0;
        consumed = 0;
        candidate = 0;
        run = 0;
        runStart = 0;
        active = 0;
        activeStart = 0;
        lastHitEnd = 0;
        misses = 0;
    }

    /** An independent detector in the same state. */
    public DtmfDetector copy() {
        DtmfDetector c = new DtmfDetector((int) sampleRateHz, settings);
        c.analyzer.copyStateFrom(analyzer);
        System.arraycopy(pending, 0, c.pending, 0, pendingCount);
        c.pendingCount = pendingCount;
        c.consumed = consumed;
        c.candidate = candidate;
        c.run = run;
        c.runStart = runStart;
        c.active = active;
        c.activeStart = activeStart;
        c.lastHitEnd = lastHitEnd;
        c.misses = misses;
        return c;
    }

    private int decide(Listener listener) {
        if (!analyzer.primed()) {
            return 0;
        }
        char hit = classify();
        if (hit != 0 && hit == candidate) {
            run++;
        } else {
            candidate = hit;
            run = hit == 0 ? 0 : 1;
            runStart = consumed - window - hop;
        }
        int events = 0;
        if (active != 0) {
            if (hit == active) {
                misses = 0;
                lastHitEnd = consumed;
            } else if (++misses >= missesToEnd) {
                listener.digitEnded(active, activeStart, lastHitEnd);
                events++;
                active = 0;
            }
        }
        if (active == 0 && candidate != 0 && run >= hitsToStart) {
            active = candidate;
            activeStart = runStart;
            lastHitEnd = consumed;
            misses = 0;
            listener.digitStarted(active, activeStart);
            events++;
        }
        return events;
    }

    // One evaluation: the digit whose two tones pass every check, or 0.
    private char classify() {
        double total = analyzer.analyze(power, previous, advance) / window;
        int row = strongest(0);
        int col = strongest(4);
        double rowPower = tonePower(row);
        double colPower = tonePower(col);
        if (rowPower < 0 || colPower < 0 || total <= 0) {
            return 0;
        }
        double minPower = 0.5 * Math.pow(32768 * Math.pow(10, settings.minLevelDbfs() / 20), 2);
        double twistDb = 10 * Math.log10(colPower / rowPower);
        boolean ok = rowPower >= minPower && colPower >= minPower
                && twistDb <= settings.normalTwistDb() && -twistDb <= settings.reverseTwistDb()
                && dominates(row, 0) && dominates(col, 4)
                && steady(row) && steady(col)
                && (rowPower + colPower) >= settings.minToneShare() * total;
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
        double limit = power[bin] * Math.pow(10, -settings.minPeakRatioDb() / 10);
        for (int b = from; b < from + 4; b++) {
            if (b != bin && power[b] > limit) {
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
        if (Math.abs(offsetHz) > settings.maxFrequencyDeviation() * FREQUENCIES[bin]) {
            return -1;
        }
        double x = Math.PI * offsetHz / sampleRateHz;
        double gain = Math.abs(x) < 1e-12 ? 1 : Math.sin(window * x) / (window * Math.sin(x));
        return 2 * power[bin] / ((double) window * window * gain * gain);
    }
}
