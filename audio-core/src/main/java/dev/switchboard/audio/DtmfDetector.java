package dev.switchboard.audio;

import dev.switchboard.audio.internal.DtmfClassifier;
import java.util.Objects;

/**
 * Streaming DTMF receiver for all 16 digits ({@code 0-9 * # A-D}), with ITU-T Q.24-style
 * tolerances: frequency deviation ≤ 1.5 % accepted and ≥ 3.5 % rejected (the limit is measured,
 * not inferred from a filter's width), twist, minimum tone and pause durations, and checks
 * against talk-off (dominant peaks, tone share of total energy, steady level across windows).
 *
 * <p>Analysis: 20 ms single-bin DFTs at the 8 DTMF frequencies, evaluated every 5 ms (see
 * {@code internal.ToneAnalyzer} and {@code internal.DtmfClassifier}). Digits are reported to a {@link Listener} once the tone has
 * lasted about {@link Settings#minToneMs()}; timestamps are sample indices since the stream
 * began (or since {@link #reset()}), accurate to about one hop (5 ms). Works at any rate ≥ 8 kHz.
 *
 * <p>Single-threaded. {@link #process} reads the caller's array and does not allocate.
 */
public final class DtmfDetector {
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
    private final DtmfClassifier classifier;
    private final short[] pending;
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
        this.classifier = new DtmfClassifier(sampleRateHz, settings.minLevelDbfs(), settings.maxFrequencyDeviation(),
                settings.normalTwistDb(), settings.reverseTwistDb(), settings.minPeakRatioDb(), settings.minToneShare());
        this.hop = classifier.hop();
        this.window = classifier.window();
        int span = window + hop;
        this.hitsToStart = Math.max(1, (settings.minToneMs() * sampleRateHz / 1000 - span) / hop);
        // Every window that overlaps a gap fails, so a 5–10 ms dropout already costs up to
        // (gap + span)/hop evaluations; a real pause of minPauseMs costs more than pause/hop.
        this.missesToEnd = Math.max(1, settings.minPauseMs() * sampleRateHz / 1000 / hop);
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
            char hit;
            if (pendingCount == 0 && end - off >= hop) {
                hit = classifier.addHop(pcm, off);
                off += hop;
            } else {
                int n = Math.min(hop - pendingCount, end - off);
                System.arraycopy(pcm, off, pending, pendingCount, n);
                pendingCount += n;
                off += n;
                if (pendingCount < hop) {
                    break;
                }
                hit = classifier.addHop(pending, 0);
                pendingCount = 0;
            }
            consumed += hop;
            events += decide(hit, listener);
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
        classifier.reset();
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
        c.classifier.copyStateFrom(classifier);
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

    // Timing on top of per-window hits: start after hitsToStart, end after missesToEnd.
    private int decide(char hit, Listener listener) {
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
}
