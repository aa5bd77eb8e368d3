package dev.switchboard.testkit.audio;

/**
 * Telephone audio for tests, written independently of the server's {@code audio-core} (so a test
 * does not check the code with itself): G.711 μ-law by the ITU-T formula, tones and a
 * speech-like signal at 8 kHz.
 */
public final class TestSignals {
    public static final int RATE = 8000;
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private TestSignals() {}

    /** One linear sample as μ-law (G.711). */
    public static byte mulaw(short sample) {
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) s = -s;
        if (s > CLIP) s = CLIP;
        s += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** One μ-law byte as a linear sample (G.711). */
    public static short linear(byte code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? BIAS - t : t - BIAS);
    }

    /** {@code millis} of a sine at {@code hz}, μ-law, starting at phase {@code startSample}. */
    public static byte[] tone(int hz, int millis, int startSample, double amplitude) {
        var out = new byte[millis * RATE / 1000];
        for (int i = 0; i < out.length; i++)
            out[i] = mulaw((short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * (startSample + i) / RATE)));
        return out;
    }

    /** μ-law silence ({@code 0xFF} decodes to 0). */
    public static byte[] silence(int millis) {
        var out = new byte[millis * RATE / 1000];
        java.util.Arrays.fill(out, (byte) 0xFF);
        return out;
    }

    /**
     * A speech-like signal: a 140 Hz voiced buzz with harmonics, shaped into syllables of about
     * 200 ms by a slow envelope, so a voice-activity detector hears speech and a DTMF detector
     * hears no key.
     */
    public static byte[] speechLike(int millis, int startSample) {
        var out = new byte[millis * RATE / 1000];
        for (int i = 0; i < out.length; i++) {
            double t = (double) (startSample + i) / RATE;
            double envelope = 0.5 * (1 - Math.cos(2 * Math.PI * 5 * t));
            double voiced = 0.5 * Math.sin(2 * Math.PI * 140 * t) + 0.3 * Math.sin(2 * Math.PI * 280 * t)
                    + 0.2 * Math.sin(2 * Math.PI * 700 * t + 0.3) + 0.1 * Math.sin(2 * Math.PI * 1200 * t + 1.1);
            out[i] = mulaw((short) Math.round(0.4 * 32767 * envelope * voiced));
        }
        return out;
    }

    /**
     * {@code millis} of the keypad tone of {@code digit} (its row and column frequencies, each at
     * about −10 dBFS, as a phone sends it in-band), μ-law, starting at phase {@code startSample}.
     */
    public static byte[] dtmf(char digit, int millis, int startSample) {
        var keys = "123A456B789C*0#D";
        int key = keys.indexOf(Character.toUpperCase(digit));
        if (key < 0) throw new IllegalArgumentException("not a DTMF key: " + digit);
        int[] rows = {697, 770, 852, 941};
        int[] columns = {1209, 1336, 1477, 1633};
        int low = rows[key / 4];
        int high = columns[key % 4];
        var out = new byte[millis * RATE / 1000];
        for (int i = 0; i < out.length; i++) {
            double t = (double) (startSample + i) / RATE;
            out[i] = mulaw((short) Math.round(0.316 * 32767 * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t))));
        }
        return out;
    }
}
