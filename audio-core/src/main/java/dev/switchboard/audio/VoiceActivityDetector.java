package dev.switchboard.audio;

import dev.switchboard.audio.internal.HighPassFilter;
import dev.switchboard.audio.internal.MinimumTracker;
import java.util.Objects;

/**
 * Streaming voice-activity detector for telephone audio: frame energy after a 150 Hz high-pass
 * (no DC or mains hum), compared against a noise floor tracked as the minimum of the smoothed
 * energy over the last {@link Settings#noiseWindowMs()}. Stationary noise of any level therefore
 * becomes the floor rather than "speech"; speech must rise {@link Settings#thresholdDb()} above it.
 *
 * <p>Speech starts after {@link Settings#startMs()} of consecutive speech frames and ends after
 * {@link Settings#hangoverMs()} without one. Reported timestamps are sample indices since the
 * stream began (or since {@link #reset()}): the start of the first speech frame and the end of
 * the last one, so they are accurate to a frame although the report itself comes later (after
 * {@code startMs} / {@code hangoverMs}).
 *
 * <p>Accepts any chunk size; analyses whole frames of {@link Settings#frameMs()}. Single-threaded;
 * {@link #process} reads the caller's array and does not allocate.
 */
public final class VoiceActivityDetector {

    /**
     * @param frameMs       analysis frame, 10 or 20 ms
     * @param thresholdDb   how far above the noise floor a frame must be to count as speech, dB
     * @param minLevelDbfs  frames quieter than this are never speech, dBFS (sine-referenced RMS)
     * @param startMs       consecutive speech needed to start, ms
     * @param hangoverMs    consecutive non-speech needed to end, ms
     * @param noiseWindowMs window of the noise-floor minimum, ms
     */
    public record Settings(int frameMs, double thresholdDb, double minLevelDbfs, int startMs, int hangoverMs,
                           int noiseWindowMs) {
        /** Defaults for calls: 10 ms frames, 9 dB, −55 dBFS, 30 ms start, 300 ms hangover, 2 s noise window. */
        public static Settings telephony() {
            return new Settings(10, 9, -55, 30, 300, 2000);
        }

        /** Same settings with another hangover (ms). */
        public Settings withHangoverMs(int ms) {
            return new Settings(frameMs, thresholdDb, minLevelDbfs, startMs, ms, noiseWindowMs);
        }

        /** Same settings with another threshold (dB above the noise floor). */
        public Settings withThresholdDb(double db) {
            return new Settings(frameMs, db, minLevelDbfs, startMs, hangoverMs, noiseWindowMs);
        }
    }

    /** Receives speech boundaries; called from {@link #process} on the caller's thread. */
    public interface Listener {
        /** Speech began at {@code sample}. */
        void speechStarted(long sample);

        /** Speech ended at {@code sample} (exclusive). */
        void speechEnded(long sample);
    }

    private static final double SMOOTHING = 0.3;

    private final int sampleRateHz;
    private final Settings settings;
    private final int frame;
    private final int framesToStart;
    private final int framesToEnd;
    private final double thresholdRatio;
    private final double minPower;
    private final HighPassFilter highPass;
    private final MinimumTracker floor;
    private final short[] pending;
    private int pendingCount;
    private long frames;
    private double smoothed;
    private boolean speech;
    private int run;
    private long lastSpeechEnd;

    private VoiceActivityDetector(int sampleRateHz, Settings settings) {
        if (settings.frameMs() < 5 || settings.frameMs() > 30 || sampleRateHz < 8000) {
            throw new IllegalArgumentException("frameMs must be 5-30 and the rate ≥ 8000 Hz");
        }
        this.sampleRateHz = sampleRateHz;
        this.settings = settings;
        this.frame = sampleRateHz * settings.frameMs() / 1000;
        this.framesToStart = Math.max(1, settings.startMs() / settings.frameMs());
        this.framesToEnd = Math.max(1, settings.hangoverMs() / settings.frameMs());
        this.thresholdRatio = Math.pow(10, settings.thresholdDb() / 10);
        this.minPower = 0.5 * Math.pow(32768 * Math.pow(10, settings.minLevelDbfs() / 20), 2);
        this.highPass = new HighPassFilter(150, sampleRateHz);
        int windowFrames = Math.max(1, settings.noiseWindowMs() / settings.frameMs());
        this.floor = new MinimumTracker(Math.max(1, windowFrames / 8), 8);
        this.pending = new short[frame];
        reset();
    }

    /** A detector with {@link Settings#telephony()}. */
    public static VoiceActivityDetector create(int sampleRateHz) {
        return new VoiceActivityDetector(sampleRateHz, Settings.telephony());
    }

    /** A detector with custom settings. */
    public static VoiceActivityDetector create(int sampleRateHz, Settings settings) {
        return new VoiceActivityDetector(sampleRateHz, Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Analyses {@code len} samples and reports speech starts and ends to {@code listener}.
     *
     * @return the number of events reported
     */
    public int process(short[] pcm, int off, int len, Listener listener) {
        Objects.checkFromIndexSize(off, len, pcm.length);
        int events = 0;
        int end = off + len;
        while (off < end) {
            double energy;
            if (pendingCount == 0 && end - off >= frame) {
                energy = highPass.energy(pcm, off, frame);
                off += frame;
            } else {
                int n = Math.min(frame - pendingCount, end - off);
                System.arraycopy(pcm, off, pending, pendingCount, n);
                pendingCount += n;
                off += n;
                if (pendingCount < frame) {
                    break;
                }
                energy = highPass.energy(pending, 0, frame);
                pendingCount = 0;
            }
            events += decide(energy / frame, listener);
        }
        return events;
    }

    /** Whether speech is currently in progress (started and not yet ended). */
    public boolean isSpeech() {
        return speech;
    }

    /** Current noise-floor estimate, dBFS (sine-referenced RMS). */
    public double noiseFloorDbfs() {
        double f = floor.minimum();
        return Double.isInfinite(f) ? Double.NEGATIVE_INFINITY : 10 * Math.log10(2 * f / (32768.0 * 32768.0));
    }

    /** Decision delay for a start: samples of speech needed before it is reported. */
    public int latencySamples() {
        return framesToStart * frame;
    }

    /** Forgets all history; then behaves exactly like a fresh detector. */
    public void reset() {
        highPass.reset();
        floor.reset();
        pendingCount = 0;
        frames = 0;
        smoothed = -1;
        speech = false;
        run = 0;
        lastSpeechEnd = 0;
    }

    /** An independent detector in the same state. */
    public VoiceActivityDetector copy() {
        VoiceActivityDetector c = new VoiceActivityDetector(sampleRateHz, settings);
        c.highPass.copyStateFrom(highPass);
        c.floor.copyStateFrom(floor);
        System.arraycopy(pending, 0, c.pending, 0, pendingCount);
        c.pendingCount = pendingCount;
        c.frames = frames;
        c.smoothed = smoothed;
        c.speech = speech;
        c.run = run;
        c.lastSpeechEnd = lastSpeechEnd;
        return c;
    }

    private int decide(double power, Listener listener) {
        long frameStart = frames * frame;
        frames++;
        smoothed = smoothed < 0 ? power : smoothed + SMOOTHING * (power - smoothed);
        floor.add(smoothed);
        double noise = floor.minimum();
        boolean loud = power >= minPower && power >= noise * thresholdRatio;
        int events = 0;
        if (!speech) {
            run = loud ? run + 1 : 0;
            if (run >= framesToStart) {
                speech = true;
                run = 0;
                lastSpeechEnd = frameStart + frame;
                listener.speechStarted(frameStart + frame - (long) framesToStart * frame);
                events++;
            }
        } else if (loud) {
            run = 0;
            lastSpeechEnd = frameStart + frame;
        } else if (++run >= framesToEnd) {
            speech = false;
            run = 0;
            listener.speechEnded(lastSpeechEnd);
            events++;
        }
        return events;
    }
}
