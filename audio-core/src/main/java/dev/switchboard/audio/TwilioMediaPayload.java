package dev.switchboard.audio;

import dev.switchboard.audio.internal.Base64Alphabet;
import java.util.Objects;

/**
 * Converts Twilio Media Streams payloads (base64 of 8 kHz μ-law, G.191 convention) to and from
 * PCM16 in one pass, without intermediate byte arrays.
 *
 * <p>Twilio sends 20 ms (160-sample, 216-character) frames in {@code media.payload}; any length
 * is accepted here. Decoding reads a {@link CharSequence} (e.g. the JSON string) and writes into
 * a caller-owned {@code short[]}; encoding writes into a caller-owned {@code char[]} or
 * {@link StringBuilder}, so a bridge can reuse its buffers and create only the final JSON string.
 * Static, stateless and thread-safe.
 */
public final class TwilioMediaPayload {
    /** Twilio's media stream rate, Hz. */
    public static final int SAMPLE_RATE_HZ = 8000;
    /** Samples in Twilio's 20 ms frame. */
    public static final int FRAME_SAMPLES = 160;

    private TwilioMediaPayload() {
    }

    /** Exact number of samples {@code payload} decodes to (padding accounted for). */
    public static int decodedLength(CharSequence payload) {
        int n = payload.length();
        if (n % 4 != 0) {
            throw new IllegalArgumentException("base64 length not a multiple of 4: " + n);
        }
        int pad = n == 0 ? 0 : payload.charAt(n - 1) != '=' ? 0 : payload.charAt(n - 2) == '=' ? 2 : 1;
        return n / 4 * 3 - pad;
    }

    /**
     * Decodes a base64 μ-law payload into PCM16 at {@code dst[dstOff…]}.
     *
     * @return samples written, {@link #decodedLength(CharSequence)}
     * @throws IllegalArgumentException if {@code payload} is not padded standard base64
     */
    public static int decode(CharSequence payload, short[] dst, int dstOff) {
        int samples = decodedLength(payload);
        Objects.checkFromIndexSize(dstOff, samples, dst.length);
        int full = samples / 3;
        int c = 0;
        int o = dstOff;
        for (int g = 0; g < full; g++, c += 4) {
            int bits = Base64Alphabet.decode(payload.charAt(c)) << 18 | Base64Alphabet.decode(payload.charAt(c + 1)) << 12
                    | Base64Alphabet.decode(payload.charAt(c + 2)) << 6 | Base64Alphabet.decode(payload.charAt(c + 3));
            dst[o++] = MuLaw.decode((byte) (bits >> 16));
            dst[o++] = MuLaw.decode((byte) (bits >> 8));
            dst[o++] = MuLaw.decode((byte) bits);
        }
        int rest = samples - full * 3;
        if (rest > 0) {
            int bits = Base64Alphabet.decode(payload.charAt(c)) << 18 | Base64Alphabet.decode(payload.charAt(c + 1)) << 12;
            if (rest == 2) {
                bits |= Base64Alphabet.decode(payload.charAt(c + 2)) << 6;
            }
            dst[o++] = MuLaw.decode((byte) (bits >> 16));
            if (rest == 2) {
                dst[o++] = MuLaw.decode((byte) (bits >> 8));
            }
        }
        return samples;
    }

    /** Base64 characters needed for {@code samples} μ-law octets, padding included. */
    public static int encodedLength(int samples) {
        return (samples + 2) / 3 * 4;
    }

    /**
     * μ-law encodes {@code len} PCM16 samples and writes them as padded base64 at {@code dst[dstOff…]}.
     *
     * @return characters written, {@link #encodedLength(int)}
     */
    public static int encode(short[] src, int srcOff, int len, char[] dst, int dstOff) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        int chars = encodedLength(len);
        Objects.checkFromIndexSize(dstOff, chars, dst.length);
        char[] abc = Base64Alphabet.ENCODE;
        int o = dstOff;
        int i = srcOff;
        int end = srcOff + len;
        for (; i + 3 <= end; i += 3) {
            int bits = (MuLaw.encode(src[i]) & 0xFF) << 16 | (MuLaw.encode(src[i + 1]) & 0xFF) << 8
                    | (MuLaw.encode(src[i + 2]) & 0xFF);
            dst[o++] = abc[bits >>> 18];
            dst[o++] = abc[(bits >>> 12) & 63];
            dst[o++] = abc[(bits >>> 6) & 63];
            dst[o++] = abc[bits & 63];
        }
        if (i < end) {
            int bits = (MuLaw.encode(src[i]) & 0xFF) << 16 | (i + 1 < end ? (MuLaw.encode(src[i + 1]) & 0xFF) << 8 : 0);
            dst[o++] = abc[bits >>> 18];
            dst[o++] = abc[(bits >>> 12) & 63];
            dst[o++] = i + 1 < end ? abc[(bits >>> 6) & 63] : '=';
            dst[o++] = '=';
        }
        return chars;
    }

    /** As {@link #encode(short[], int, int, char[], int)}, appending to {@code dst}. */
    public static void encode(short[] src, int srcOff, int len, StringBuilder dst) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        char[] abc = Base64Alphabet.ENCODE;
        int end = srcOff + len;
        int i = srcOff;
        dst.ensureCapacity(dst.length() + encodedLength(len));
        for (; i + 3 <= end; i += 3) {
            int bits = (MuLaw.encode(src[i]) & 0xFF) << 16 | (MuLaw.encode(src[i + 1]) & 0xFF) << 8
                    | (MuLaw.encode(src[i + 2]) & 0xFF);
            dst.append(abc[bits >>> 18]).append(abc[(bits >>> 12) & 63]).append(abc[(bits >>> 6) & 63]).append(abc[bits & 63]);
        }
        if (i < end) {
            int bits = (MuLaw.encode(src[i]) & 0xFF) << 16 | (i + 1 < end ? (MuLaw.encode(src[i + 1]) & 0xFF) << 8 : 0);
            dst.append(abc[bits >>> 18]).append(abc[(bits >>> 12) & 63])
                    .append(i + 1 < end ? abc[(bits >>> 6) & 63] : '=').append('=');
        }
    }

    /** Convenience form returning a new {@code String}: one allocation per frame. */
    public static String encode(short[] src, int srcOff, int len) {
        char[] chars = new char[encodedLength(len)];
        encode(src, srcOff, len, chars, 0);
        return new String(chars);
    }
}
