package dev.switchboard.audio;

import dev.switchboard.audio.internal.KaiserLowpass;
import dev.switchboard.audio.internal.PolyphaseResampler;

/**
 * Streaming PCM16 sample-rate converter (polyphase linear-phase FIR).
 *
 * <p>Any pair of rates whose ratio reduces to L/M with L, M ≤ 12 is supported, which covers
 * 8, 12, 16, 24, 32 and 48 kHz among themselves (the bridge uses 8 ⇄ 16, 8 ⇄ 24, 16 ⇄ 24 and
 * 8/16/24 ⇄ 48 kHz). Equal rates give an exact pass-through with zero latency.
 *
 * <p>Timing: output sample {@code m} of a stream represents input time
 * {@code m/outHz − latencySamples()/outHz}; the waveform is delayed by exactly
 * {@link #latencySamples()} output samples and nothing is held back. After {@code n} input
 * samples in total, {@code ceil(n·outHz/inHz)} outputs have been emitted; {@link #flush} emits
 * the last {@code latencySamples()} so that a whole stream yields
 * {@code ceil(n·outHz/inHz) + latencySamples()} samples.
 *
 * <p>Buffers belong to the caller and are not retained. Output depends only on the input
 * sequence, never on how it was split into calls. Instances are single-threaded; use
 * {@link #copy()} to fork a stream's state.
 */
public interface Resampler {

    /** Named filter presets. Band edges are relative to the Nyquist frequency of the lower rate. */
    enum Quality {
        /**
         * The default for the phone bridge: flat (≤ 0.0001 dB) to 0.85·Nyquist (3.4 kHz at 8 kHz),
         * ≥ 110 dB down from 1.15·Nyquist (4.6 kHz), 3 ms latency for 8 kHz pairs.
         */
        TELEPHONY(0.85, 1.15, 110),
        /**
         * For recordings and offline work: flat to 0.9·Nyquist, ≥ 120 dB down from Nyquist (no
         * aliasing at all), about 10 ms latency for 8 kHz pairs.
         */
        HIGH(0.90, 1.0, 120);

        private final double passFraction;
        private final double stopFraction;
        private final double attenuationDb;

        Quality(double passFraction, double stopFraction, double attenuationDb) {
            this.passFraction = passFraction;
            this.stopFraction = stopFraction;
            this.attenuationDb = attenuationDb;
        }
    }

    /**
     * Creates a resampler with the {@link Quality#TELEPHONY} preset.
     *
     * @see #create(int, int, Quality)
     */
    static Resampler create(int inHz, int outHz) {
        return create(inHz, outHz, Quality.TELEPHONY);
    }

    /**
     * Creates a resampler from {@code inHz} to {@code outHz}. Designing the filter allocates; do it
     * once per call set-up (or {@link #copy()} a prototype), not per frame.
     *
     * @throws IllegalArgumentException if a rate is not positive or the reduced ratio exceeds 12/12
     */
    static Resampler create(int inHz, int outHz, Quality quality) {
        if (inHz <= 0 || outHz <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + inHz + " -> " + outHz);
        }
        int gcd = java.math.BigInteger.valueOf(inHz).gcd(java.math.BigInteger.valueOf(outHz)).intValue();
        int up = outHz / gcd;
        int down = inHz / gcd;
        if (up > 12 || down > 12) {
            throw new IllegalArgumentException("unsupported ratio " + inHz + " -> " + outHz);
        }
        if (up == 1 && down == 1) {
            return new PolyphaseResampler(inHz, outHz, 1, 1, new double[] {1});
        }
        double nyquist = Math.min(inHz, outHz) / 2.0;
        double filterHz = (double) inHz * up;
        double stop = Math.min(quality.stopFraction * nyquist, filterHz / 2);
        double[] prototype = KaiserLowpass.design(filterHz, quality.passFraction * nyquist, stop,
                quality.attenuationDb, down);
        return new PolyphaseResampler(inHz, outHz, up, down, prototype);
    }

    /** Input sample rate, Hz. */
    int inputRateHz();

    /** Output sample rate, Hz. */
    int outputRateHz();

    /**
     * Resamples {@code inLen} samples from {@code in[inOff…]} into {@code out[outOff…]}.
     * {@code out} must have room for {@link #maxOutput(int) maxOutput(inLen)} samples. Does not allocate.
     *
     * @return the number of samples written
     */
    int process(short[] in, int inOff, int inLen, short[] out, int outOff);

    /** Upper bound on what {@link #process} writes for {@code inLen} input samples: {@code ceil(inLen·outHz/inHz)}. */
    int maxOutput(int inLen);

    /** Algorithmic delay of the output waveform, in output samples; also what {@link #flush} writes. */
    int latencySamples();

    /**
     * Ends the stream: writes the remaining {@link #latencySamples()} output samples (the
     * response to the last input, as if followed by silence), then {@link #reset() resets}.
     *
     * @return the number of samples written, always {@code latencySamples()}
     */
    int flush(short[] out, int outOff);

    /** Forgets all history; the instance then behaves exactly like a freshly created one. */
    void reset();

    /** Returns an independent resampler in the same state; both continue identically. */
    Resampler copy();
}
