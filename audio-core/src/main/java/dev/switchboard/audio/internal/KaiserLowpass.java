package dev.switchboard.audio.internal;

/**
 * Designs a linear-phase low-pass FIR for a rational resampler: a Kaiser-windowed sinc.
 *
 * <p>Kaiser was chosen over equiripple design because it needs no iterative solver, its length
 * follows from a closed formula (so latency is predictable from the spec), and at ≥ 100 dB its
 * passband ripple is far below what PCM16 output can show.
 */
public final class KaiserLowpass {
    private KaiserLowpass() {
    }

    /**
     * Returns symmetric taps of odd length {@code 2·D + 1}, centred on {@code D}, for a filter
     * running at {@code fsHz}. {@code D} is rounded up to a multiple of {@code delayMultiple}
     * so that the delay is a whole number of output samples after decimation by that factor.
     *
     * @param fsHz          rate the filter runs at (input rate × interpolation factor), Hz
     * @param passHz        passband edge, Hz
     * @param stopHz        stopband edge, Hz (greater than {@code passHz})
     * @param attenuationDb minimum stopband attenuation, dB
     * @param delayMultiple the decimation factor
     */
    public static double[] design(double fsHz, double passHz, double stopHz, double attenuationDb, int delayMultiple) {
        if (!(passHz > 0 && stopHz > passHz && stopHz <= fsHz / 2 + 1e-9)) {
            throw new IllegalArgumentException("bad band edges " + passHz + "/" + stopHz + " at " + fsHz);
        }
        double transition = 2 * Math.PI * (stopHz - passHz) / fsHz;
        double order = (attenuationDb - 7.95) / (2.285 * transition);
        int half = (int) Math.ceil(order / 2 / delayMultiple) * delayMultiple;
        double beta = attenuationDb > 50 ? 0.1102 * (attenuationDb - 8.7)
                : attenuationDb >= 21 ? 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21)
                : 0;
        double cutoff = (passHz + stopHz) / 2 / fsHz;
        double norm = besselI0(beta);
        double[] taps = new double[2 * half + 1];
        for (int n = 0; n < taps.length; n++) {
            int t = n - half;
            double r = half == 0 ? 0 : (double) t / half;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
            double x = 2 * cutoff * t;
            double sinc = t == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            taps[n] = 2 * cutoff * sinc * window;
        }
        return taps;
    }

    // Power series; converges fast for the β ≤ 15 used here.
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
