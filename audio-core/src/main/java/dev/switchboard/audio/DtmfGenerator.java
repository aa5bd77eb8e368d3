package dev.switchboard.audio;

import java.util.Objects;

/**
 * Generates DTMF digit sequences as PCM16: each digit is a row + column tone pair for
 * {@code toneMs}, followed by {@code pauseMs} of silence. Queue digits with {@link #enqueue} and
 * pull audio with {@link #generate}, e.g. one 20 ms frame at a time into the outbound stream.
 *
 * <p>Single-threaded; writes into the caller's array and does not allocate per call.
 */
public final class DtmfGenerator {
    private static final String KEYS = "123A456B789C*0#D";
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};

    private final int sampleRateHz;
    private final double amplitude;
    private final int toneSamples;
    private final int pauseSamples;
    private final StringBuilder queue = new StringBuilder();
    private int position;

    private DtmfGenerator(int sampleRateHz, double levelDbfs, int toneMs, int pauseMs) {
        if (sampleRateHz < 4000 || toneMs <= 0 || pauseMs < 0 || levelDbfs > -6.03) {
            throw new IllegalArgumentException("bad DTMF generator settings");
        }
        this.sampleRateHz = sampleRateHz;
        this.amplitude = 32768 * Math.pow(10, levelDbfs / 20);
        this.toneSamples = toneMs * sampleRateHz / 1000;
        this.pauseSamples = pauseMs * sampleRateHz / 1000;
    }

    /**
     * @param sampleRateHz output rate, Hz
     * @param levelDbfs    level of each of the two tones, dBFS (≤ −6.03 so that the sum cannot clip)
     * @param toneMs       tone duration per digit, ms
     * @param pauseMs      silence after each digit, ms
     */
    public static DtmfGenerator create(int sampleRateHz, double levelDbfs, int toneMs, int pauseMs) {
        return new DtmfGenerator(sampleRateHz, levelDbfs, toneMs, pauseMs);
    }

    /** −10 dBFS per tone, 100 ms tones, 100 ms pauses. */
    public static DtmfGenerator create(int sampleRateHz) {
        return new DtmfGenerator(sampleRateHz, -10, 100, 100);
    }

    /**
     * Queues digits for playback.
     *
     * @throws IllegalArgumentException on a character that is not a DTMF key
     */
    public void enqueue(CharSequence digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (KEYS.indexOf(Character.toUpperCase(digits.charAt(i))) < 0) {
                throw new IllegalArgumentException("not a DTMF digit: " + digits.charAt(i));
            }
        }
        for (int i = 0; i < digits.length(); i++) {
            queue.append(Character.toUpperCase(digits.charAt(i)));
        }
    }

    /** Samples of tone and pause still to be generated. */
    public long pendingSamples() {
        return (long) queue.length() * (toneSamples + pauseSamples) - position;
    }

    /**
     * Writes exactly {@code len} samples: queued digits, then silence once the queue is empty.
     *
     * @return {@code len}
     */
    public int generate(short[] out, int off, int len) {
        Objects.checkFromIndexSize(off, len, out.length);
        int perDigit = toneSamples + pauseSamples;
        for (int i = 0; i < len; i++) {
            if (queue.length() == 0) {
                out[off + i] = 0;
                continue;
            }
            int key = KEYS.indexOf(queue.charAt(0));
            out[off + i] = position < toneSamples ? sample(key, position) : 0;
            if (++position == perDigit) {
                queue.deleteCharAt(0);
                position = 0;
            }
        }
        return len;
    }

    /** Drops queued digits (and the one playing). */
    public void reset() {
        queue.setLength(0);
        position = 0;
    }

    private short sample(int key, int n) {
        double t = (double) n / sampleRateHz;
        double v = amplitude * (Math.sin(2 * Math.PI * ROWS[key / 4] * t) + Math.sin(2 * Math.PI * COLUMNS[key % 4] * t));
        return (short) Math.round(v);
    }
}
