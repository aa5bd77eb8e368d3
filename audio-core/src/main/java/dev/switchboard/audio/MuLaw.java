package dev.switchboard.audio;

import dev.switchboard.audio.internal.CompandingTables;

/**
 * ITU-T G.711 μ-law codec, bit-exact with the ITU-T G.191 Software Tool Library.
 *
 * <p>Decoding maps each of the 256 codes to the mid-point of its interval (×4 in PCM16, so
 * {@code 0x00 → −32124}, {@code 0x80 → +32124}, {@code 0x7F} and {@code 0xFF → 0}). Encoding follows
 * the G.191 input convention: negative inputs use the one's complement ({@code ~x >> 2}), so
 * −1…−4 encode to {@code 0x7F} (zero). CPython's {@code audioop} and Sun's {@code g711.c} floor
 * instead and differ from this at 508 negative inputs; spandsp truncates and differs at 127.
 *
 * <p>All methods are static, stateless and thread-safe. Bulk methods read {@code len} items from
 * {@code src} starting at {@code srcOff} and write {@code len} items to {@code dst} from
 * {@code dstOff}; they do not allocate.
 */
public final class MuLaw {
    private static final CompandingTables TABLES = new CompandingTables(MuLaw::decodeByFormula, MuLaw::encodeByFormula);

    private MuLaw() {
    }

    /** Decodes one μ-law code to PCM16. */
    public static short decode(byte code) {
        return TABLES.decode(code);
    }

    /** Encodes one PCM16 sample to its μ-law code. */
    public static byte encode(short sample) {
        return TABLES.encode(sample);
    }

    /**
     * Decodes {@code len} μ-law codes into PCM16.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public static void decode(byte[] src, int srcOff, short[] dst, int dstOff, int len) {
        TABLES.decode(src, srcOff, dst, dstOff, len);
    }

    /**
     * Encodes {@code len} PCM16 samples into μ-law codes.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public static void encode(short[] src, int srcOff, byte[] dst, int dstOff, int len) {
        TABLES.encode(src, srcOff, dst, dstOff, len);
    }

    // G.191 ulaw_expand: the magnitude bits are stored inverted, 33 is the segment bias.
    private static int decodeByFormula(int code) {
        int inverted = ~code;
        int exponent = (inverted >> 4) & 7;
        int mantissa = inverted & 0x0F;
        int step = 4 << (exponent + 1);
        int magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
        return code < 0x80 ? -magnitude : magnitude;
    }

    // G.191 ulaw_compress. The table is built from this once; the lookup is what runs per sample.
    private static int encodeByFormula(int x) {
        int biased = (x < 0 ? (~x) >> 2 : x >> 2) + 33;
        if (biased > 0x1FFF) {
            biased = 0x1FFF;
        }
        int segment = 32 - Integer.numberOfLeadingZeros(biased >> 6) + 1;
        int code = ((8 - segment) << 4) | (0x0F - ((biased >> segment) & 0x0F));
        return x >= 0 ? code | 0x80 : code;
    }
}
