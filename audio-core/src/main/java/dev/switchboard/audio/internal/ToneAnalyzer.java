package dev.switchboard.audio.internal;

/**
 * Sliding single-bin DFTs at fixed frequencies, for DTMF. The stream is cut into hops; each hop's
 * complex sums are referenced to absolute time, so a window of several hops is just their sum and
 * two windows one hop apart differ in phase by exactly the tone's offset from the bin frequency.
 * That gives the frequency deviation from the phase advance (unambiguous within ±fs/(2·hop)),
 * which a Goertzel magnitude alone cannot resolve at the 1.5 % / 3.5 % tolerances.
 */
public final class ToneAnalyzer {
    private final int hop;
    private final int hopsPerWindow;
    private final int bins;
    private final double[] cos;
    private final double[] sin;
    private final double[] stepRe;
    private final double[] stepIm;
    private final double[] phasorRe;
    private final double[] phasorIm;
    private final double[] sumRe;
    private final double[] sumIm;
    private final double[] energy;
    private int slot;
    private long hops;

    /**
     * @param hz            bin frequencies, Hz
     * @param fs            sample rate, Hz
     * @param hop           samples per hop
     * @param hopsPerWindow hops per analysis window
     */
    public ToneAnalyzer(double[] hz, int fs, int hop, int hopsPerWindow) {
        this.hop = hop;
        this.hopsPerWindow = hopsPerWindow;
        this.bins = hz.length;
        this.cos = new double[bins * hop];
        this.sin = new double[bins * hop];
        this.stepRe = new double[bins];
        this.stepIm = new double[bins];
        this.phasorRe = new double[bins];
        this.phasorIm = new double[bins];
        int ring = hopsPerWindow + 1;
        this.sumRe = new double[ring * bins];
        this.sumIm = new double[ring * bins];
        this.energy = new double[ring];
        for (int b = 0; b < bins; b++) {
            double w = 2 * Math.PI * hz[b] / fs;
            for (int j = 0; j < hop; j++) {
                cos[b * hop + j] = Math.cos(w * j);
                sin[b * hop + j] = -Math.sin(w * j);
            }
            stepRe[b] = Math.cos(w * hop);
            stepIm[b] = -Math.sin(w * hop);
        }
        reset();
    }

    /** Forgets all history. */
    public void reset() {
        java.util.Arrays.fill(phasorRe, 1);
        java.util.Arrays.fill(phasorIm, 0);
        java.util.Arrays.fill(sumRe, 0);
        java.util.Arrays.fill(sumIm, 0);
        java.util.Arrays.fill(energy, 0);
        slot = 0;
        hops = 0;
    }

    /** Copies the state of {@code other} (same configuration) into this analyzer. */
    public void copyStateFrom(ToneAnalyzer other) {
        System.arraycopy(other.phasorRe, 0, phasorRe, 0, bins);
        System.arraycopy(other.phasorIm, 0, phasorIm, 0, bins);
        System.arraycopy(other.sumRe, 0, sumRe, 0, sumRe.length);
        System.arraycopy(other.sumIm, 0, sumIm, 0, sumIm.length);
        System.arraycopy(other.energy, 0, energy, 0, energy.length);
        slot = other.slot;
        hops = other.hops;
    }

    /** Consumes one hop of {@code hop} samples from {@code x[off…]}. */
    public void addHop(short[] x, int off) {
        slot = (slot + 1) % energy.length;
        double e = 0;
        for (int j = 0; j < hop; j++) {
            e += (double) x[off + j] * x[off + j];
        }
        energy[slot] = e;
        for (int b = 0; b < bins; b++) {
            double re = 0;
            double im = 0;
            int t = b * hop;
            for (int j = 0; j < hop; j++) {
                re += x[off + j] * cos[t + j];
                im += x[off + j] * sin[t + j];
            }
            double pr = phasorRe[b];
            double pi = phasorIm[b];
            sumRe[slot * bins + b] = re * pr - im * pi;
            sumIm[slot * bins + b] = re * pi + im * pr;
            // Advance e^{-iωn0} to the next hop, renormalised so rounding cannot accumulate.
            double nr = pr * stepRe[b] - pi * stepIm[b];
            double ni = pr * stepIm[b] + pi * stepRe[b];
            double mag = Math.sqrt(nr * nr + ni * ni);
            phasorRe[b] = nr / mag;
            phasorIm[b] = ni / mag;
        }
        hops++;
    }

    /** Whether enough hops have arrived to fill the current and the previous window. */
    public boolean primed() {
        return hops > hopsPerWindow;
    }

    /**
     * Writes, per bin, the squared DFT magnitude over the newest window into {@code power}, over
     * the window one hop earlier into {@code previous}, and the phase advance between the two
     * (radians, in (−π, π]) into {@code advance}.
     *
     * @return the signal energy Σx² over the newest window
     */
    public double analyze(double[] power, double[] previous, double[] advance) {
        int ring = energy.length;
        double e = 0;
        for (int k = 0; k < hopsPerWindow; k++) {
            e += energy[(slot - k + ring) % ring];
        }
        for (int b = 0; b < bins; b++) {
            double aRe = 0;
            double aIm = 0;
            double bRe = 0;
            double bIm = 0;
            for (int k = 0; k < hopsPerWindow; k++) {
                int newer = ((slot - k + ring) % ring) * bins + b;
                int older = ((slot - k - 1 + 2 * ring) % ring) * bins + b;
                aRe += sumRe[newer];
                aIm += sumIm[newer];
                bRe += sumRe[older];
                bIm += sumIm[older];
            }
            power[b] = aRe * aRe + aIm * aIm;
            previous[b] = bRe * bRe + bIm * bIm;
            advance[b] = Math.atan2(aIm * bRe - aRe * bIm, aRe * bRe + aIm * bIm);
        }
        return e;
    }
}
