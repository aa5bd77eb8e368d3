package dev.switchboard.audio;

import java.util.ArrayList;
import java.util.List;

/** The resampler measurements of shared/audio-vectors/README.md → METRICS, on our {@link Resampler}. */
final class ResamplerMetrics {
    static final double TONE_AMPLITUDE = 16384;

    private final int inHz;
    private final int outHz;
    private final Resampler.Quality quality;

    ResamplerMetrics(int inHz, int outHz, Resampler.Quality quality) {
        this.inHz = inHz;
        this.outHz = outHz;
        this.quality = quality;
    }

    /** x[n] = round(16384·sin(2π·f·n/fs)), 2 s. */
    static short[] tone(double hz, int fs) {
        short[] x = new short[2 * fs];
        for (int n = 0; n < x.length; n++) {
            x[n] = (short) Math.round(TONE_AMPLITUDE * Math.sin(2 * Math.PI * hz * n / fs));
        }
        return x;
    }

    /** A fresh resampler, the whole buffer in one call, then the end-of-stream flush. */
    static short[] resampleWhole(Resampler r, short[] x) {
        short[] y = new short[r.maxOutput(x.length) + r.latencySamples()];
        int n = r.process(x, 0, x.length, y, 0);
        n += r.flush(y, n);
        return java.util.Arrays.copyOf(y, n);
    }

    private Resampler fresh() {
        return Resampler.create(inHz, outHz, quality);
    }

    private ToneFit fitOutput(short[] y, double... hz) {
        return ToneFit.fit(y, outHz / 2, outHz / 2 * 3, outHz, hz);
    }

    /** Gain in dB at each passband tone 300, 350 … 3400 Hz; ripple is max − min. */
    double rippleDb() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 300; f <= 3400; f += 50) {
            short[] x = tone(f, inHz);
            double ax = ToneFit.fit(x, inHz / 2, inHz / 2 * 3, inHz, f).amplitude[0];
            double ay = fitOutput(resampleWhole(fresh(), x), f).amplitude[0];
            double g = 20 * Math.log10(ay / ax);
            min = Math.min(min, g);
            max = Math.max(max, g);
        }
        return max - min;
    }

    /** Image rejection in dB of a tone at {@code f} (upsampling from 8 kHz); images k·8000 ± f below fs_out/2. */
    double imageRejectionDb(double f) {
        List<Double> freqs = new ArrayList<>(List.of(f));
        for (int k = 1; k * 8000 - f < outHz / 2.0; k++) {
            freqs.add(k * 8000 - f);
            if (k * 8000 + f < outHz / 2.0) {
                freqs.add(k * 8000 + f);
            }
        }
        double[] hz = freqs.stream().mapToDouble(Double::doubleValue).toArray();
        ToneFit fit = fitOutput(resampleWhole(fresh(), tone(f, inHz)), hz);
        double images = 0;
        for (int j = 1; j < hz.length; j++) {
            images += fit.amplitude[j] * fit.amplitude[j] / 2;
        }
        return 10 * Math.log10(TONE_AMPLITUDE * TONE_AMPLITUDE / 2 / images);
    }

    /** Alias rejection in dB of a tone at {@code f} (downsampling to 8 kHz). */
    double aliasRejectionDb(double f) {
        double alias = Math.abs(f - 8000 * Math.round(f / 8000));
        double a = fitOutput(resampleWhole(fresh(), tone(f, inHz)), alias).amplitude[0];
        return 20 * Math.log10(TONE_AMPLITUDE / a);
    }

    /** Group delay in output samples from the phase slope between 995 and 1005 Hz. */
    double groupDelaySamples() {
        double p1 = fitOutput(resampleWhole(fresh(), tone(995, inHz)), 995).phase[0];
        double p2 = fitOutput(resampleWhole(fresh(), tone(1005, inHz)), 1005).phase[0];
        double d = p2 - p1;
        while (d <= -Math.PI) {
            d += 2 * Math.PI;
        }
        while (d > Math.PI) {
            d -= 2 * Math.PI;
        }
        return -d / (2 * Math.PI * 10) * outHz;
    }

    /** Worst output deficit after 0.5 s when a 1 kHz tone is fed in 20 ms frames, output samples. */
    double holdBackSamples() {
        Resampler r = fresh();
        short[] x = tone(1000, inHz);
        int frame = inHz / 50;
        short[] out = new short[r.maxOutput(frame)];
        long produced = 0;
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 1; k * frame <= x.length; k++) {
            produced += r.process(x, (k - 1) * frame, frame, out, 0);
            if (k >= 25) {
                worst = Math.max(worst, (double) k * frame * outHz / inHz - produced);
            }
        }
        return worst;
    }

    /** Group delay plus hold-back, in milliseconds. */
    double latencyMs() {
        return 1000 * (groupDelaySamples() + holdBackSamples()) / outHz;
    }

    /** 8k→fs→8k round trip at {@code f}: SNR against the input amplitude at the output's phase, dB. */
    static double roundTripSnrDb(int midHz, Resampler.Quality q, double f) {
        short[] x = tone(f, 8000);
        short[] y = resampleWhole(Resampler.create(midHz, 8000, q), resampleWhole(Resampler.create(8000, midHz, q), x));
        double ax = ToneFit.fit(x, 4000, 12000, 8000, f).amplitude[0];
        double py = ToneFit.fit(y, 4000, 12000, 8000, f).phase[0];
        double sig = 0;
        double err = 0;
        for (int m = 4000; m < 12000; m++) {
            double r = ax * Math.sin(2 * Math.PI * f * m / 8000 + py);
            sig += r * r;
            err += (y[m] - r) * (y[m] - r);
        }
        return 10 * Math.log10(sig / err);
    }
}
