package dev.switchboard.audio;

import java.util.SplittableRandom;

/**
 * Deterministic speech-like signal after shared/audio-vectors/README.md (METRICS → Throughput):
 * pink-shaped Gaussian noise plus a harmonic series (120 Hz, or a pitch gliding 90–260 Hz for a
 * harder talk-off case), 3.3 Hz syllabic envelope, 0.4 s pauses after each 1.2 s of "speech",
 * scaled to RMS −20 dBFS (re 32768). Not bit-identical to the numpy generator; same shape.
 */
final class SpeechLike {
    private SpeechLike() {
    }

    static short[] generate(int rateHz, double seconds, boolean glidingPitch) {
        SplittableRandom random = new SplittableRandom(1234 + rateHz);
        int n = (int) Math.round(seconds * rateHz);
        double[] y = new double[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        int harmonics = 40;
        double[] phases = new double[harmonics + 1];
        for (int k = 1; k <= harmonics; k++) {
            phases[k] = 2 * Math.PI * random.nextDouble();
        }
        double pitchPhase = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rateHz;
            double white = gaussian(random);
            // Paul Kellet's economy pink filter: -3 dB/octave within 1 dB.
            b0 = 0.99765 * b0 + white * 0.0990460;
            b1 = 0.96300 * b1 + white * 0.2965164;
            b2 = 0.57000 * b2 + white * 1.0526913;
            double pink = b0 + b1 + b2 + white * 0.1848;
            double f0 = glidingPitch ? 175 + 85 * Math.sin(2 * Math.PI * 0.7 * t) : 120;
            pitchPhase += 2 * Math.PI * f0 / rateHz;
            double voiced = 0;
            for (int k = 1; k <= harmonics && k * f0 < Math.min(3800, rateHz * 0.45); k++) {
                voiced += Math.sin(k * pitchPhase + phases[k]) / k;
            }
            double cycle = t % 1.6;
            double envelope = cycle < 1.2 ? 0.5 * (1 - Math.cos(2 * Math.PI * 3.3 * cycle)) : 0;
            y[i] = envelope * (voiced + 0.3 * pink);
            sumSquares += y[i] * y[i];
        }
        double scale = 32768 * Math.pow(10, -20 / 20.0) / Math.sqrt(sumSquares / n);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(y[i] * scale)));
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Adds white Gaussian noise of the given RMS (in PCM16 units) in place, deterministically. */
    static void addNoise(short[] x, double rms, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] + rms * gaussian(random))));
        }
    }
}
