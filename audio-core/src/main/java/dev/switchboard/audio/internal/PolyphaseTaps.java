package dev.switchboard.audio.internal;

/**
 * A rational L/M resampler's prototype FIR cut into sub-filters, one per (output phase, input
 * lane), in the order the block kernel ({@link BlockFir}) consumes them.
 *
 * <p>Output phase {@code p} uses branch {@code h_p[j] = h[p + j·L]} (normalised to unit DC gain)
 * against inputs {@code x[n − j]}, {@code n} its newest input. Input is kept de-interleaved into M
 * lanes ({@code x[n]} lives in lane {@code n mod M} at {@code n / M}), so the taps with
 * {@code j ≡ ρ (mod M)} all read one lane at consecutive positions; they form sub-filter
 * {@code (p, ρ)}, stored oldest input first so that a forward loop walks the lane forward.
 * Consecutive outputs of one phase are M inputs (one lane position) apart, which is what lets the
 * kernel vectorise over outputs instead of reducing over taps. Each sub-filter is padded with
 * zeros on its oldest side to a multiple of four taps, the kernel's step.
 */
public final class PolyphaseTaps {
    private final int up;
    private final int down;
    private final float[] taps;
    private final int[] start;
    private final int[] count;
    private final int longest;

    private PolyphaseTaps(int up, int down, float[] taps, int[] start, int[] count, int longest) {
        this.up = up;
        this.down = down;
        this.taps = taps;
        this.start = start;
        this.count = count;
        this.longest = longest;
    }

    /** Splits a prototype running at {@code inHz·up} into {@code up·down} sub-filters. */
    public static PolyphaseTaps split(double[] prototype, int up, int down) {
        int[] start = new int[up * down];
        int[] count = new int[up * down];
        float[] taps = new float[prototype.length + 3 * up * down];
        int longest = 0;
        int at = 0;
        for (int p = 0; p < up; p++) {
            double sum = 0;
            int branchLength = 0;
            for (int j = 0; p + j * up < prototype.length; j++) {
                sum += prototype[p + j * up];
                branchLength = j + 1;
            }
            for (int rho = 0; rho < down; rho++) {
                int n = rho < branchLength ? (branchLength - rho + down - 1) / down : 0;
                int padded = (n + 3) & ~3;
                start[p * down + rho] = at;
                count[p * down + rho] = padded;
                longest = Math.max(longest, padded);
                at += padded - n;
                // Oldest input first: after the padding, tap j = ρ + M·(n − 1) first, tap j = ρ last.
                for (int u = 0; u < n; u++) {
                    int j = rho + down * (n - 1 - u);
                    // Unit DC gain per branch: a constant input gives a constant output, with no image at fs_in multiples.
                    taps[at++] = (float) (prototype[p + j * up] / sum);
                }
            }
        }
        return new PolyphaseTaps(up, down, taps, start, count, longest);
    }

    /** All sub-filters back to back; sub-filter {@code (p, ρ)} starts at {@link #start}. */
    float[] taps() {
        return taps;
    }

    /** Offset of sub-filter {@code (phase, rho)} in {@link #taps()}. */
    int start(int phase, int rho) {
        return start[phase * down + rho];
    }

    /** Length of sub-filter {@code (phase, rho)} (taps {@code j ≡ rho (mod M)} of branch {@code phase}), padded to a multiple of 4. */
    int count(int phase, int rho) {
        return count[phase * down + rho];
    }

    /** The longest sub-filter, i.e. how many lane positions an output looks back at most. */
    int longest() {
        return longest;
    }

    int up() {
        return up;
    }

    int down() {
        return down;
    }
}
