package dev.switchboard.audio.internal;

import dev.switchboard.audio.Resampler;
import java.util.Arrays;
import java.util.Objects;

/**
 * Rational L/M resampler: one linear-phase FIR split into L polyphase branches.
 *
 * <p>The output is a delayed waveform (like speexdsp), not a time-aligned one held back: every
 * call emits each output whose newest input has arrived, so a 20 ms frame in gives exactly
 * 20 ms out whenever the ratio allows, and the whole latency is the filter's group delay of
 * {@code D/M} output samples. {@link #flush} emits that tail.
 *
 * <p>Layout for speed (see {@link BlockFir}): input is kept as {@code float}, de-interleaved into
 * M lanes, and each call computes its outputs phase by phase: the outputs of one phase are one
 * lane position apart, so for each tap of that phase's sub-filters ({@link PolyphaseTaps}) the
 * kernel runs one vectorisable loop over all of the call's outputs of that phase. Each output's
 * sum is formed in a fixed tap order, so chunked input gives bit-identical output to one call.
 */
public final class PolyphaseResampler implements Resampler {
    /** Input samples taken per round (a 20 ms frame at 24 kHz fits in one); bounds the lanes and the scratch. */
    private static final int BLOCK = 512;

    private final int inHz;
    private final int outHz;
    private final int up;
    private final int down;
    private final PolyphaseTaps taps;
    private final int latency;
    /** Window index of the first input after a reset: enough zeros before it for every sub-filter; a multiple of M. */
    private final int history;
    /** Window indices the lanes can hold. */
    private final int capacity;
    /** Window index {@code n} is {@code lanes[n % M][n / M]}. */
    private final float[][] lanes;
    /** Scratch: {@code shifted[r][t][i] = lanes[r][i + t]}, {@code shifted[r][0]} is the lane itself. */
    private final float[][][] shifted;
    /** Scratch for the running sums, which slide along the lane positions (see {@link BlockFir}). */
    private final float[] sums;
    private final float[] sumsScratch;
    private int fill;
    private int next;
    private int phase;

    /**
     * @param up        interpolation factor L (reduced)
     * @param down      decimation factor M (reduced)
     * @param prototype symmetric low-pass taps at {@code inHz·up}, length {@code 2·D+1}, D a multiple of {@code down}
     */
    public PolyphaseResampler(int inHz, int outHz, int up, int down, double[] prototype) {
        this.inHz = inHz;
        this.outHz = outHz;
        this.up = up;
        this.down = down;
        this.latency = (prototype.length - 1) / 2 / down;
        this.taps = PolyphaseTaps.split(prototype, up, down);
        this.history = down * (taps.longest() + 1);
        this.capacity = history + BLOCK + down;
        int laneLength = (capacity + down - 1) / down;
        this.lanes = new float[down][laneLength];
        this.shifted = shiftedViews(lanes);
        this.sums = new float[laneLength + BlockFir.BLOCK_TAPS];
        this.sumsScratch = new float[sums.length];
        reset();
    }

    private PolyphaseResampler(PolyphaseResampler other) {
        this.inHz = other.inHz;
        this.outHz = other.outHz;
        this.up = other.up;
        this.down = other.down;
        this.taps = other.taps;
        this.latency = other.latency;
        this.history = other.history;
        this.capacity = other.capacity;
        this.lanes = new float[other.lanes.length][];
        for (int r = 0; r < lanes.length; r++) {
            lanes[r] = other.lanes[r].clone();
        }
        this.shifted = shiftedViews(lanes);
        this.sums = new float[other.sums.length];
        this.sumsScratch = new float[other.sums.length];
        this.fill = other.fill;
        this.next = other.next;
        this.phase = other.phase;
    }

    private static float[][][] shiftedViews(float[][] lanes) {
        float[][][] views = new float[lanes.length][BlockFir.BLOCK_TAPS][];
        for (int r = 0; r < lanes.length; r++) {
            views[r][0] = lanes[r];
            for (int t = 1; t < BlockFir.BLOCK_TAPS; t++) {
                views[r][t] = new float[lanes[r].length];
            }
        }
        return views;
    }

    @Override
    public int inputRateHz() {
        return inHz;
    }

    @Override
    public int outputRateHz() {
        return outHz;
    }

    @Override
    public int process(short[] in, int inOff, int inLen, short[] out, int outOff) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, maxOutput(inLen), out.length);
        int written = 0;
        while (inLen > 0) {
            int n = Math.min(inLen, capacity - fill);
            append(in, inOff, n);
            inOff += n;
            inLen -= n;
            written += produce(out, outOff + written, Integer.MAX_VALUE);
        }
        return written;
    }

    @Override
    public int maxOutput(int inLen) {
        return (int) (((long) inLen * up + down - 1) / down);
    }

    @Override
    public int latencySamples() {
        return latency;
    }

    @Override
    public int flush(short[] out, int outOff) {
        Objects.checkFromIndexSize(outOff, latency, out.length);
        int written = 0;
        while (written < latency) {
            append(null, 0, capacity - fill);
            written += produce(out, outOff + written, latency - written);
        }
        reset();
        return written;
    }

    @Override
    public void reset() {
        for (float[] lane : lanes) {
            Arrays.fill(lane, 0f);
        }
        fill = history;
        next = history;
        phase = 0;
    }

    @Override
    public Resampler copy() {
        return new PolyphaseResampler(this);
    }

    // Appends n samples (silence when in is null) at window index fill, de-interleaving into the lanes.
    private void append(short[] in, int inOff, int n) {
        if (down == 1) {
            float[] x = lanes[0];
            if (in == null) {
                Arrays.fill(x, fill, fill + n, 0f);
            } else {
                for (int i = 0; i < n; i++) {
                    x[fill + i] = in[inOff + i];
                }
            }
        } else {
            for (int r = 0; r < down; r++) {
                float[] x = lanes[r];
                int w = fill + Math.floorMod(r - fill, down);
                for (int i = w / down; w < fill + n; w += down, i++) {
                    x[i] = in == null ? 0f : in[inOff + w - fill];
                }
            }
        }
        fill += n;
    }

    // Emits (at most limit) outputs whose newest input (window index `next`) is present, then drops consumed history.
    private int produce(short[] out, int outOff, int limit) {
        int ahead = fill - next;
        int total = ahead <= 0 ? 0 : (int) Math.min(limit, ((long) ahead * up - phase + down - 1) / down);
        if (total > 0) {
            refreshShifted();
        }
        float[] g = taps.taps();
        // Output `first + t·L` of this batch has phase p and newest input `newest + t·M`.
        for (int first = 0; first < Math.min(total, up); first++) {
            int pos = phase + first * down;
            int newest = next + pos / up;
            int p = pos % up;
            int count = (total - first + up - 1) / up;
            int lanePos = newest / down;
            int newestLane = newest % down;
            int result = -1;
            for (int rho = 0; rho < down; rho++) {
                // Taps j ≡ ρ (mod M) read x[newest − j]: lane (newest − ρ) mod M, positions ending at
                // lanePos (or lanePos − 1 when the lane index wrapped below zero).
                int lane = newestLane - rho;
                int end = lanePos;
                if (lane < 0) {
                    lane += down;
                    end--;
                }
                int n = taps.count(p, rho);
                int base = end - n + 1;
                if (result < 0) {
                    Arrays.fill(sums, base, base + count, 0f);
                } else {
                    System.arraycopy(sums, result, sums, base, count);
                }
                BlockFir.accumulate(sums, sumsScratch, shifted[lane], base, count, g, taps.start(p, rho), n);
                result = base + n;
            }
            for (int t = 0, o = outOff + first; t < count; t++, o += up) {
                out[o] = toPcm16(sums[result + t]);
            }
        }
        long pos = phase + (long) total * down;
        next += (int) (pos / up);
        phase = (int) (pos % up);
        // Drop whole lane positions only, so that window index residues (lanes) stay put.
        int drop = Math.min(next - history, fill) / down * down;
        if (drop > 0) {
            int keep = (fill + down - 1) / down - drop / down;
            for (float[] lane : lanes) {
                System.arraycopy(lane, drop / down, lane, 0, keep);
            }
            fill -= drop;
            next -= drop;
        }
        return total;
    }

    // The kernel reads tap t of each block of eight from a copy of the lane shifted by t.
    private void refreshShifted() {
        for (int r = 0; r < down; r++) {
            int present = (fill - r + down - 1) / down;
            float[][] views = shifted[r];
            for (int t = 1; t < views.length && t < present; t++) {
                System.arraycopy(views[0], t, views[t], 0, present - t);
            }
        }
    }

    // Round half up and saturate, as floor(clamp(v) + 0.5). Plain comparisons rather than Math.min/max
    // (whose NaN and −0 rules cost a blend each; v is always finite here), and the shift to a
    // positive range in double makes the truncating cast a floor, exactly.
    private static short toPcm16(float v) {
        float clamped = v < -32768f ? -32768f : v > 32767f ? 32767f : v;
        return (short) ((int) (clamped + 32768.5) - 32768);
    }
}
