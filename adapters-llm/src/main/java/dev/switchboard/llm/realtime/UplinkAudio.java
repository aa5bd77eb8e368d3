package dev.switchboard.llm.realtime;

import dev.switchboard.audio.MuLaw;
import dev.switchboard.audio.Rechunker;
import dev.switchboard.audio.Resampler;
import java.util.function.Consumer;

/**
 * The caller's leg of a Gemini Live call: Twilio's 8 kHz μ-law in whatever pieces it comes, out
 * as 20 ms frames of PCM16 little-endian at 16 kHz (Gemini's native input rate, §12.3). One
 * resampler per call, kept across frames: its filter history is what makes consecutive frames
 * join without clicks, so it is never re-created per frame. Single-threaded (the session guards it).
 */
final class UplinkAudio {
    /** The rate Gemini is sent: {@code audio/pcm;rate=16000}. */
    static final int MODEL_RATE = 16_000;
    static final String MIME_TYPE = "audio/pcm;rate=" + MODEL_RATE;
    private static final int FRAME = MODEL_RATE / 50;
    private final Rechunker rechunker = Rechunker.create(8_000, MODEL_RATE, FRAME, Resampler.Quality.TELEPHONY);
    private final short[] frame = new short[FRAME];
    private short[] decoded = new short[160];

    /** Converts {@code mulaw} and hands each 20 ms frame now complete to {@code frames}, in order (a new array each). */
    void write(byte[] mulaw, Consumer<byte[]> frames) {
        if (decoded.length < mulaw.length) decoded = new short[mulaw.length];
        MuLaw.decode(mulaw, 0, decoded, 0, mulaw.length);
        rechunker.write(decoded, 0, mulaw.length);
        while (rechunker.read(frame, 0)) frames.accept(Pcm16.littleEndian(frame, frame.length));
    }
}
