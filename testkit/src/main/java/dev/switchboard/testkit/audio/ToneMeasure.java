package dev.switchboard.testkit.audio;

/**
 * Measures a single tone in received audio, written independently of the server's audio code: where
 * it starts and ends (the first and last sample above a quarter of its peak) and its frequency (zero
 * crossings between those, two per period). Good to a fraction of a period, so a one-second tone's
 * length and pitch are measured far better than 1 %.
 *
 * @param hz the tone's frequency, Hz
 * @param seconds how long it lasted
 */
public record ToneMeasure(double hz, double seconds) {

    /** Measures the tone in {@code samples} (PCM16 at {@code rateHz}). */
    public static ToneMeasure of(short[] samples, int rateHz) {
        int peak = 0;
        for (short s : samples) peak = Math.max(peak, Math.abs((int) s));
        if (peak == 0) return new ToneMeasure(0, 0);
        int threshold = peak / 4;
        int first = -1;
        int last = -1;
        for (int i = 0; i < samples.length; i++) {
            if (Math.abs((int) samples[i]) > threshold) {
                if (first < 0) first = i;
                last = i;
            }
        }
        int crossings = 0;
        for (int i = first + 1; i <= last; i++) if ((samples[i - 1] < 0) != (samples[i] < 0)) crossings++;
        double span = (double) (last - first) / rateHz;
        return new ToneMeasure(span == 0 ? 0 : crossings / 2.0 / span, span);
    }

    /** Measures the tone in 8 kHz μ-law. */
    public static ToneMeasure ofMulaw(byte[] mulaw) {
        var samples = new short[mulaw.length];
        for (int i = 0; i < mulaw.length; i++) samples[i] = TestSignals.linear(mulaw[i]);
        return of(samples, TestSignals.RATE);
    }
}
