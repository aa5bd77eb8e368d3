package dev.switchboard.audio;

import dev.switchboard.audio.internal.SampleRing;
import java.util.Objects;

/**
 * Resamples a stream that arrives in chunks of any size and hands it out in fixed frames at the
 * output rate: e.g. Twilio's 20 ms 8 kHz frames into 100 ms 16 kHz chunks for a speech model, or
 * a model's arbitrary 24 kHz chunks into 20 ms 8 kHz frames for Twilio.
 *
 * <p>Output timing follows the inner {@link Resampler} (delayed waveform, {@link #latencySamples()}
 * output samples); frames are cut from the resampled stream starting at its first sample.
 * {@link #write} copies from the caller's array; {@link #read} copies into the caller's array.
 * Internal buffers grow only while the backlog exceeds anything seen before, so steady streaming
 * does not allocate. Single-threaded.
 */
public final class Rechunker {
    private static final int SLICE = 480;

    private final Resampler resampler;
    private final int frameSamples;
    private final short[] scratch;
    private final SampleRing queue;

    private Rechunker(Resampler resampler, int frameSamples, short[] scratch, SampleRing queue) {
        this.resampler = resampler;
        this.frameSamples = frameSamples;
        this.scratch = scratch;
        this.queue = queue;
    }

    /**
     * @param inHz         rate of the chunks written, Hz
     * @param outHz        rate of the frames read, Hz (may equal {@code inHz}: re-chunking only)
     * @param frameSamples samples per output frame, e.g. {@code outHz / 50} for 20 ms
     */
    public static Rechunker create(int inHz, int outHz, int frameSamples, Resampler.Quality quality) {
        if (frameSamples <= 0) {
            throw new IllegalArgumentException("frameSamples must be positive: " + frameSamples);
        }
        Resampler r = Resampler.create(inHz, outHz, quality);
        return new Rechunker(r, frameSamples, new short[r.maxOutput(SLICE) + r.latencySamples()],
                new SampleRing(4 * frameSamples));
    }

    /** As {@link #create(int, int, int, Resampler.Quality)} with {@link Resampler.Quality#TELEPHONY}. */
    public static Rechunker create(int inHz, int outHz, int frameSamples) {
        return create(inHz, outHz, frameSamples, Resampler.Quality.TELEPHONY);
    }

    /** Samples per output frame. */
    public int frameSamples() {
        return frameSamples;
    }

    /** Resampler delay, in output samples. */
    public int latencySamples() {
        return resampler.latencySamples();
    }

    /** Resamples and queues {@code len} input samples. */
    public void write(short[] in, int off, int len) {
        Objects.checkFromIndexSize(off, len, in.length);
        for (int done = 0; done < len; done += SLICE) {
            int n = Math.min(SLICE, len - done);
            queue.write(scratch, 0, resampler.process(in, off + done, n, scratch, 0));
        }
    }

    /** Complete frames ready to {@link #read}. */
    public int framesAvailable() {
        return queue.size() / frameSamples;
    }

    /** Output samples queued, including a partial frame. */
    public int queuedSamples() {
        return queue.size();
    }

    /**
     * Copies the next frame into {@code dst[dstOff…dstOff+frameSamples)}.
     *
     * @return false (and leaves {@code dst} untouched) if no complete frame is queued
     */
    public boolean read(short[] dst, int dstOff) {
        Objects.checkFromIndexSize(dstOff, frameSamples, dst.length);
        if (queue.size() < frameSamples) {
            return false;
        }
        queue.read(dst, dstOff, frameSamples);
        return true;
    }

    /**
     * Ends the stream: flushes the resampler's tail and pads the last partial frame with silence,
     * so every sample can be read. The resampler starts afresh for whatever is written next.
     */
    public void flush() {
        queue.write(scratch, 0, resampler.flush(scratch, 0));
        int partial = queue.size() % frameSamples;
        if (partial != 0) {
            queue.writeSilence(frameSamples - partial);
        }
    }

    /** Drops queued audio and resampler history; then behaves like a fresh instance. */
    public void reset() {
        resampler.reset();
        queue.clear();
    }

    /** An independent rechunker in the same state. */
    public Rechunker copy() {
        return new Rechunker(resampler.copy(), frameSamples, scratch.clone(), queue.copy());
    }
}
