package dev.switchboard.domain.modelcall;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A piece of 8 kHz μ-law audio as it travels through a stream call. Both wire protocols carry
 * it as base64 text (Twilio's {@code media.payload}, OpenAI's {@code input_audio_buffer.append}
 * and {@code response.output_audio.delta}), so a chunk keeps whichever form it came in and makes
 * the other only when someone asks: forwarding from one socket to the other then costs no
 * decode and no encode, and only a recording or a transcoding model pays for the bytes.
 *
 * <p>Immutable by contract: the array passed to {@link #of} and the one {@link #bytes} returns
 * belong to the chunk and must not be changed. Thread-safe (the other form is made at most a few
 * times, never inconsistently).
 */
public final class MuLawChunk {
    private volatile String base64;
    private volatile byte[] bytes;
    private final int length;

    private MuLawChunk(String base64, byte[] bytes, int length) {
        this.base64 = base64;
        this.bytes = bytes;
        this.length = length;
    }

    /** The chunk of these bytes, which it takes over (no copy). */
    public static MuLawChunk of(byte[] mulaw) {
        return new MuLawChunk(null, mulaw, mulaw.length);
    }

    /**
     * The chunk that {@code base64} (RFC 4648 §4, padded) encodes; checked here, not decoded.
     *
     * @throws IllegalArgumentException when it is not padded base64
     */
    public static MuLawChunk ofBase64(String base64) {
        return new MuLawChunk(base64, null, decodedLength(base64));
    }

    /** Bytes of audio, hence samples (one byte per sample at 8 kHz). */
    public int length() {
        return length;
    }

    /** The audio; decoded on first use. Not to be changed. */
    public byte[] bytes() {
        var b = bytes;
        if (b == null) bytes = b = Base64.getDecoder().decode(base64);
        return b;
    }

    /** The audio as padded base64, JSON-safe as it is (no character needs escaping); encoded on first use. */
    public String base64() {
        var s = base64;
        if (s == null) base64 = s = Base64.getEncoder().encodeToString(bytes);
        return s;
    }

    /** What {@code text} decodes to, in bytes, after checking its alphabet and padding as the decoder would. */
    private static int decodedLength(String text) {
        int n = text.length();
        if (n % 4 != 0) throw new IllegalArgumentException("base64 of " + n + " characters is not whole 4-character groups");
        int padding = n > 0 && text.charAt(n - 1) == '=' ? (n > 1 && text.charAt(n - 2) == '=' ? 2 : 1) : 0;
        // Fifty of these a second per call, on the event loop: a table over a Latin-1 copy, not five comparisons per charAt.
        // A character above Latin-1 is copied as '?', which the table refuses too.
        var latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        int bad = 0;
        for (int i = 0; i < n - padding; i++) bad |= ALPHABET[latin1[i] & 0xFF];
        if (bad != 0)
            throw new IllegalArgumentException("not base64: character " + firstOutside(text, n - padding));
        return n / 4 * 3 - padding;
    }

    /** 0 for each byte of the base64 alphabet (without padding), 1 for every other. */
    private static final byte[] ALPHABET = alphabet();

    private static byte[] alphabet() {
        var table = new byte[256];
        Arrays.fill(table, (byte) 1);
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) table[c] = 0;
        return table;
    }

    private static int firstOutside(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c > 0xFF || ALPHABET[c] != 0) return i;
        }
        return end;
    }
}
