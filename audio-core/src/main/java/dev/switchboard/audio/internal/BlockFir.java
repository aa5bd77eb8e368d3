package dev.switchboard.audio.internal;

/**
 * The resampler's inner loops, shaped for HotSpot C2's superword pass on JDK 17: a loop over a
 * block of outputs for a fixed group of taps, {@code acc[k] += Σ g[u]·x[base + u + k]}, with no
 * reduction across {@code k}, so C2 turns it into AVX multiplies and adds over eight outputs at
 * once. (A dot product per output is a reduction, which C2 on JDK 17 leaves scalar.)
 *
 * <p>Three C2 rules shape the code, each found by measurement (see docs/audio-core.md):
 * <ul>
 *   <li>every array access in a loop must use the same loop-invariant offset: C2 cannot tell two
 *       {@code float[]} apart, and treats accesses with different invariants as possibly
 *       overlapping. So the running sums slide along with the taps: they live at the same
 *       index as the input they meet ({@code p}, {@code q} below), not at a fixed index;</li>
 *   <li>every {@code float[]} access in a loop must have the same alignment (constant offset
 *       modulo the vector length), so tap {@code t} of a block of eight reads {@code x[t]}, a copy
 *       of the input shifted by {@code t} ({@code x[t][i] = x[0][i + t]}), at the same index as
 *       the others;</li>
 *   <li>the loop body must stay under C2's default unrolling limit, or it is not unrolled and
 *       never vectorised: that allows four taps per loop, hence two half-blocks per eight taps;</li>
 *   <li>the loops must be compiled in a method of their own: inlined into the resampler's
 *       {@code produce} (with its output loop), C2 optimised them only partly and the resampler
 *       ran at half speed. {@link #accumulate} is therefore one method whose bytecode (≈ 345
 *       bytes) exceeds C2's {@code FreqInlineSize} (325), which keeps it out of line. Splitting it
 *       into smaller methods brings the inlining, and the slowdown, back.</li>
 * </ul>
 *
 * <p>Each output's sum is formed in the same order (tap by tap, in table order) whatever the block
 * size or position, and Java float arithmetic is strict, so results do not depend on how a
 * stream is split into blocks.
 */
final class BlockFir {
    /** Taps per block: the input is read through this many shifted copies. */
    static final int BLOCK_TAPS = 8;

    private BlockFir() {
    }

    /**
     * Adds {@code Σ_{u<n} g[gOff+u]·x[0][base+u+k]} to the running sums {@code p[base+k]},
     * {@code k < count}; the result is left in {@code p[base+n+k]} ({@code q} is scratch).
     *
     * @param x {@link #BLOCK_TAPS} arrays, {@code x[t][i] = x[0][i + t]} over the range read
     * @param n tap count, a multiple of four
     */
    static void accumulate(float[] p, float[] q, float[][] x, int base, int count, float[] g, int gOff, int n) {
        float[] x0 = x[0];
        float[] x1 = x[1];
        float[] x2 = x[2];
        float[] x3 = x[3];
        float[] x4 = x[4];
        float[] x5 = x[5];
        float[] x6 = x[6];
        float[] x7 = x[7];
        for (int u = 0; u < n; u += BLOCK_TAPS) {
            int at = base + u;
            float g0 = g[gOff + u];
            float g1 = g[gOff + u + 1];
            float g2 = g[gOff + u + 2];
            float g3 = g[gOff + u + 3];
            // First half: q[at+k] = p[at+k] + four taps, the sums staying at the same index.
            for (int k = 0; k < count; k++) {
                q[at + k] = p[at + k] + g0 * x0[at + k] + g1 * x1[at + k] + g2 * x2[at + k] + g3 * x3[at + k];
            }
            if (u + BLOCK_TAPS > n) {
                System.arraycopy(q, at, p, at + 4, count);
                break;
            }
            float g4 = g[gOff + u + 4];
            float g5 = g[gOff + u + 5];
            float g6 = g[gOff + u + 6];
            float g7 = g[gOff + u + 7];
            // Second half: p[at+8+k] = q[at+k] + four taps, the sums moving on to where the next block reads them.
            for (int k = 0; k < count; k++) {
                p[at + 8 + k] = q[at + k] + g4 * x4[at + k] + g5 * x5[at + k] + g6 * x6[at + k] + g7 * x7[at + k];
            }
        }
    }
}
