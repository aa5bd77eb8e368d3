package dev.switchboard.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.audio.internal.KaiserLowpass;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block kernel (lanes, shifted copies, sliding sums) against the textbook polyphase formula
 * evaluated in double precision: {@code y[m] = Σ_j h_p[j]·x[n − j]}, {@code n = ⌊m·M/L⌋},
 * {@code p = m·M mod L}, each branch normalised to unit DC gain. Float sums may round an output
 * the other way, never by more than one LSB.
 */
class ResamplerDirectFormTest {

    @ParameterizedTest(name = "{0}->{1} {2}")
    @MethodSource("dev.switchboard.audio.ResamplerStreamingTest#pairs")
    void equalsTheDirectFormWithinOneLsb(int inHz, int outHz, Resampler.Quality q) {
        short[] x = java.util.Arrays.copyOf(ResamplerStreamingTest.input(inHz), inHz / 5);
        short[] ours = ResamplerMetrics.resampleWhole(Resampler.create(inHz, outHz, q), x);
        short[] direct = direct(inHz, outHz, q, x, ours.length);
        int worst = 0;
        for (int m = 0; m < ours.length; m++) {
            worst = Math.max(worst, Math.abs(ours[m] - direct[m]));
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    private static short[] direct(int inHz, int outHz, Resampler.Quality q, short[] x, int outputs) {
        int gcd = BigInteger.valueOf(inHz).gcd(BigInteger.valueOf(outHz)).intValue();
        int up = outHz / gcd;
        int down = inHz / gcd;
        double[] h = {1};
        if (up != 1 || down != 1) {
            boolean telephony = q == Resampler.Quality.TELEPHONY;
            double nyquist = Math.min(inHz, outHz) / 2.0;
            double filterHz = (double) inHz * up;
            h = KaiserLowpass.design(filterHz, (telephony ? 0.85 : 0.90) * nyquist,
                    Math.min((telephony ? 1.15 : 1.0) * nyquist, filterHz / 2), telephony ? 110 : 120, down);
        }
        short[] y = new short[outputs];
        for (int m = 0; m < outputs; m++) {
            long position = (long) m * down;
            int n = (int) (position / up);
            int p = (int) (position % up);
            double sum = 0;
            double gain = 0;
            for (int j = 0; p + j * up < h.length; j++) {
                gain += h[p + j * up];
                if (n - j >= 0 && n - j < x.length) {
                    sum += h[p + j * up] * x[n - j];
                }
            }
            y[m] = (short) Math.max(-32768, Math.min(32767, Math.floor(sum / gain + 0.5)));
        }
        return y;
    }
}
