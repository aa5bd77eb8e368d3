package dev.switchboard.audio.bench;

import dev.switchboard.audio.internal.KaiserLowpass;

/**
 * The straightforward polyphase FIR the production resampler replaced: short history ring,
 * float taps, one accumulator. Same filter (TELEPHONY), kept only as a JMH baseline.
 */
final class NaiveResampler {
    private final int up;
    private final int down;
    private final float[][] branches;
    private final short[] history;
    private int newest;
    private long next;
    private long consumed;

    NaiveResampler(int inHz, int outHz) {
        int g = java.math.BigInteger.valueOf(inHz).gcd(java.math.BigInteger.valueOf(outHz)).intValue();
        up = outHz / g;
        down = inHz / g;
        double nyquist = Math.min(inHz, outHz) / 2.0;
        double[] h = KaiserLowpass.design((double) inHz * up, 0.85 * nyquist, 1.15 * nyquist, 110, down);
        int taps = (h.length + up - 1) / up;
        branches = new float[up][taps];
        for (int p = 0; p < up; p++) {
            for (int j = 0; p + j * up < h.length; j++) {
                branches[p][j] = (float) (h[p + j * up] * up);
            }
        }
        history = new short[taps];
    }

    int process(short[] in, int off, int len, short[] out, int outOff) {
        int written = 0;
        for (int i = 0; i < len; i++) {
            newest = (newest + 1) % history.length;
            history[newest] = in[off + i];
            consumed++;
            while (next * down / up < consumed) {
                float[] b = branches[(int) (next * down % up)];
                float acc = 0;
                for (int j = 0, k = newest; j < b.length; j++, k = k == 0 ? history.length - 1 : k - 1) {
                    acc += history[k] * b[j];
                }
                out[outOff + written++] = (short) Math.max(-32768, Math.min(32767, Math.round(acc)));
                next++;
            }
        }
        return written;
    }
}
