package dev.switchboard.llm.realtime;

import dev.switchboard.audio.MuLaw;
import dev.switchboard.audio.Rechunker;
import dev.switchboard.audio.Resampler;
import java.util.function.Consumer;

/**
 * The agent's leg of a Gemini Live call: the model's PCM16 little-endian (24 kHz, §12.4) in
 * chunks of any size, out as 20 ms frames of 8 kHz μ-law for Twilio, low-pass filtered before
 * decimation (the TELEPHONY resampler). The resampler lives as long as the call; at the end of a
 * model turn its tail is flushed (so the last words are not held back), and on a barge-in what is
 * queued is dropped. Single-threaded (the socket's listener).
 */
final class DownlinkAudio {
    static final int DEFAULT_RATE = 24_000;
    private static final int PHONE_RATE = 8_000;
    private static final int FRAME = PHONE_RATE / 50;
    private final short[] frame = new short[FRAME];
    private Rechunker rechunker;
    private int rate;
    private short[] samples = new short[0];
    /** A byte left over when a chunk ended in the middle of a sample, or -1. */
    private int oddByte = -1;
    private boolean unflushed;

    /**
     * Converts {@code pcm} (PCM16 little-endian at {@code rateHz}) and hands each 20 ms μ-law frame now
     * complete to {@code frames}, in order.
     *
     * @throws IllegalArgumentException when {@code rateHz} cannot be converted to 8 kHz
     */
    void write(byte[] pcm, int rateHz, Consumer<byte[]> frames) {
        if (pcm.length == 0) return;
        if (rechunker == null || rateHz != rate) {
            var next = Rechunker.create(rateHz, PHONE_RATE, FRAME, Resampler.Quality.TELEPHONY);
            endOfTurn(frames);
            rechunker = next;
            rate = rateHz;
        }
        int bytes = pcm.length + (oddByte >= 0 ? 1 : 0);
        int n = bytes / 2;
        if (samples.length < n) samples = new short[n];
        int in = 0;
        for (int i = 0; i < n; i++) {
            int lo;
            if (i == 0 && oddByte >= 0) lo = oddByte;
            else lo = pcm[in++] & 0xFF;
            samples[i] = (short) (lo | (pcm[in++] << 8));
        }
        oddByte = in < pcm.length ? pcm[in] & 0xFF : -1;
        if (n == 0) return;
        rechunker.write(samples, 0, n);
        unflushed = true;
        drain(frames);
    }

    /** The model's turn is over: the resampler's tail goes out, padded to a whole frame. */
    void endOfTurn(Consumer<byte[]> frames) {
        oddByte = -1;
        if (rechunker == null || !unflushed) return;
        rechunker.flush();
        unflushed = false;
        drain(frames);
    }

    /** The caller barged in: nothing queued is played. */
    void drop() {
        oddByte = -1;
        unflushed = false;
        if (rechunker != null) rechunker.reset();
    }

    private void drain(Consumer<byte[]> frames) {
        while (rechunker.read(frame, 0)) {
            var mulaw = new byte[FRAME];
            MuLaw.encode(frame, 0, mulaw, 0, FRAME);
            frames.accept(mulaw);
        }
    }
}
