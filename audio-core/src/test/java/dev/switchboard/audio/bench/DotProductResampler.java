package dev.switchboard.audio.bench;

import dev.switchboard.audio.Resampler;
import dev.switchboard.audio.internal.KaiserLowpass;
import java.util.Objects;

/**
 * The previous production kernel (until the block kernel of {@code internal.BlockFir}), kept only
 * as a JMH baseline: contiguous float window, each branch's taps reversed, each output a forward
 * dot product with eight independent partial sums. C2 on JDK 17 leaves that reduction scalar.
 */
final class DotProductResampler implements Resampler {
    private static final int BLOCK = 1024;

    private final int inHz;
    private final int outHz;
    private final int up;
    private final int down;
    private final int taps;
    private final float[] branches;
    private final int latency;
    private final float[] window;
    private int fill;
    private int next;
    private int phase;

    /**
     * @param up        interpolation factor L (reduced)
     * @param down      decimation factor M (reduced)
     * @param prototype symmetric low-pass taps at {@code inHz·up}, length {@code 2·D+1}, D a multiple of {@code down}
     */
    DotProductResampler(int inHz, int outHz, int up, int down, double[] prototype) {
        this.inHz = inHz;
        this.outHz = outHz;
        this.up = up;
        this.down = down;
        this.latency = (prototype.length - 1) / 2 / down;
        int perBranch = (prototype.length + up - 1) / up;
        this.taps = Math.max(8, (perBranch + 7) & ~7);
        if (taps - 1 < down) {
            throw new IllegalArgumentException("filter shorter than the decimation factor");
        }
        this.branches = new float[up * taps];
        for (int p = 0; p < up; p++) {
            double sum = 0;
            for (int j = 0; p + j * up < prototype.length; j++) {
                sum += prototype[p + j * up];
            }
            // Unit DC gain per branch: a constant input gives a constant output, with no image at fs_in multiples.
            for (int j = 0; p + j * up < prototype.length; j++) {
                branches[p * taps + taps - 1 - j] = (float) (prototype[p + j * up] / sum);
            }
        }
        this.window = new float[taps - 1 + BLOCK + down];
        reset();
    }

    /** The TELEPHONY filter, designed as {@code Resampler.create} does. */
    static DotProductResampler telephony(int inHz, int outHz) {
        int g = java.math.BigInteger.valueOf(inHz).gcd(java.math.BigInteger.valueOf(outHz)).intValue();
        int up = outHz / g;
        int down = inHz / g;
        double nyquist = Math.min(inHz, outHz) / 2.0;
        double filterHz = (double) inHz * up;
        double[] h = KaiserLowpass.design(filterHz, 0.85 * nyquist, Math.min(1.15 * nyquist, filterHz / 2), 110, down);
        return new DotProductResampler(inHz, outHz, up, down, h);
    }

    private DotProductResampler(DotProductResampler other) {
        this.inHz = other.inHz;
        this.outHz = other.outHz;
        this.up = other.up;
        this.down = other.down;
        this.taps = other.taps;
        this.branches = other.branches;
        this.latency = other.latency;
        this.window = other.window.clone();
        this.fill = other.fill;
        this.next = other.next;
        this.phase = other.phase;
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
            int n = Math.min(inLen, window.length - fill);
            for (int i = 0; i < n; i++) {
                window[fill + i] = in[inOff + i];
            }
            fill += n;
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
            int n = window.length - fill;
            java.util.Arrays.fill(window, fill, fill + n, 0f);
            fill += n;
            written += produce(out, outOff + written, latency - written);
        }
        reset();
        return written;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(window, 0f);
        fill = taps - 1;
        next = taps - 1;
        phase = 0;
    }

    @Override
    public Resampler copy() {
        return new DotProductResampler(this);
    }

    // Emits outputs whose newest input (window index `next`) is present, then drops consumed history.
    private int produce(short[] out, int outOff, int limit) {
        int written = 0;
        final float[] w = window;
        final float[] b = branches;
        final int k = taps;
        while (next < fill && written < limit) {
            int start = next - k + 1;
            int base = phase * k;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            float s4 = 0;
            float s5 = 0;
            float s6 = 0;
            float s7 = 0;
            for (int i = 0; i < k; i += 8) {
                s0 += w[start + i] * b[base + i];
                s1 += w[start + i + 1] * b[base + i + 1];
                s2 += w[start + i + 2] * b[base + i + 2];
                s3 += w[start + i + 3] * b[base + i + 3];
                s4 += w[start + i + 4] * b[base + i + 4];
                s5 += w[start + i + 5] * b[base + i + 5];
                s6 += w[start + i + 6] * b[base + i + 6];
                s7 += w[start + i + 7] * b[base + i + 7];
            }
            out[outOff + written++] = toPcm16(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
            phase += down;
            next += phase / up;
            phase %= up;
        }
        int drop = Math.min(next - (k - 1), fill);
        if (drop > 0) {
            System.arraycopy(w, drop, w, 0, fill - drop);
            fill -= drop;
            next -= drop;
        }
        return written;
    }

    private static short toPcm16(float v) {
        float clamped = Math.max(-32768f, Math.min(32767f, v));
        return (short) (int) Math.floor(clamped + 0.5f);
    }
}
