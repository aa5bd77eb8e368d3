package dev.switchboard.audio;

import dev.switchboard.audio.internal.SampleRing;
import java.util.Objects;

/**
 * Outbound pacing: queues synthesized audio as fast as it arrives and releases it one frame per
 * frame period, so that a barge-in can {@link #clear()} everything not yet sent. Sending a whole
 * utterance at once would leave it in the carrier's buffer, beyond recall.
 *
 * <p>The buffer keeps no clock of its own: the caller passes monotonic time (e.g.
 * {@link System#nanoTime()}) to {@link #poll}, which makes it deterministic to test. When audio
 * starts after an idle period, the first {@code 1 + leadFrames} frames are released at once (to
 * fill the far end's jitter buffer), then one per period. After an underrun the schedule restarts
 * instead of bursting to catch up. Single-threaded; copies in and out of caller-owned arrays.
 */
public final class PacingBuffer {
    private final int frameSamples;
    private final long frameNanos;
    private final int leadFrames;
    private final SampleRing queue;
    private boolean running;
    private long anchorNanos;
    private long released;

    private PacingBuffer(int frameSamples, long frameNanos, int leadFrames) {
        if (frameSamples <= 0 || frameNanos <= 0 || leadFrames < 0) {
            throw new IllegalArgumentException("bad pacing " + frameSamples + "/" + frameNanos + "/" + leadFrames);
        }
        this.frameSamples = frameSamples;
        this.frameNanos = frameNanos;
        this.leadFrames = leadFrames;
        this.queue = new SampleRing(50 * frameSamples);
    }

    /**
     * @param frameSamples samples per released frame
     * @param frameNanos   playback duration of one frame, ns
     * @param leadFrames   frames released ahead of real time when a burst starts
     */
    public static PacingBuffer create(int frameSamples, long frameNanos, int leadFrames) {
        return new PacingBuffer(frameSamples, frameNanos, leadFrames);
    }

    /** 20 ms frames at {@code sampleRateHz} (160 samples for Twilio's 8 kHz) with 2 frames of lead. */
    public static PacingBuffer twentyMilliseconds(int sampleRateHz) {
        return new PacingBuffer(sampleRateHz / 50, 20_000_000L, 2);
    }

    /** Samples per frame. */
    public int frameSamples() {
        return frameSamples;
    }

    /** Queues {@code len} samples for release. */
    public void write(short[] pcm, int off, int len) {
        Objects.checkFromIndexSize(off, len, pcm.length);
        queue.write(pcm, off, len);
    }

    /** Pads a trailing partial frame with silence so the end of an utterance is released too. */
    public void completeFrame() {
        int partial = queue.size() % frameSamples;
        if (partial != 0) {
            queue.writeSilence(frameSamples - partial);
        }
    }

    /**
     * Releases the next frame into {@code dst[dstOff…dstOff+frameSamples)} if one is queued and
     * due at {@code nowNanos}. Call it at least once per frame period (more often is fine).
     *
     * @return whether a frame was written
     */
    public boolean poll(long nowNanos, short[] dst, int dstOff) {
        Objects.checkFromIndexSize(dstOff, frameSamples, dst.length);
        if (queue.size() < frameSamples) {
            if (running && nowNanos - (anchorNanos + released * frameNanos) >= 0) {
                running = false; // underrun: the far end has played all we sent; restart with a fresh lead
            }
            return false;
        }
        if (!running) {
            running = true;
            anchorNanos = nowNanos;
            released = 0;
        }
        if (nowNanos - dueNanos() < 0) {
            return false;
        }
        queue.read(dst, dstOff, frameSamples);
        released++;
        return true;
    }

    /**
     * Time at which {@link #poll} can next release a frame, or {@code nowNanos} if it can now;
     * {@link Long#MAX_VALUE} if no complete frame is queued.
     */
    public long nextReleaseNanos(long nowNanos) {
        if (queue.size() < frameSamples) {
            return Long.MAX_VALUE;
        }
        if (!running) {
            return nowNanos;
        }
        long due = dueNanos();
        return due - nowNanos > 0 ? due : nowNanos;
    }

    /**
     * Barge-in: drops everything queued and forgets the schedule.
     *
     * @return the number of samples dropped
     */
    public int clear() {
        int dropped = queue.size();
        queue.clear();
        running = false;
        return dropped;
    }

    /** Samples queued and not yet released. */
    public int queuedSamples() {
        return queue.size();
    }

    private long dueNanos() {
        return anchorNanos + (released - leadFrames) * frameNanos;
    }
}
