package dev.switchboard.audio;

import dev.switchboard.audio.internal.CompandingTables;

/**
 * ITU-T G.711 A-law codec, bit-exact with the ITU-T G.191 Software Tool Library.
 *
 * <p>Decoding maps each code to the mid-point of its interval (×8 in PCM16, ±8 … ±32256).
 * Encoding uses the one's complement of negative inputs, the single convention every common
 * implementation shares for A-law. Even bits are inverted on the wire ({@code XOR 0x55}).
 *
 * <p>All methods are static, stateless and thread-safe. Bulk methods read {@code len} items from
 * {@code src} starting at {@code srcOff} and write {@code len} items to {@code dst} from
 * {@code dstOff}; they do not allocate.
 */
public final class ALaw {
    private static final CompandingTables TABLES = new CompandingTables(ALaw::decodeByFormula, ALaw::encodeByFormula);

    private ALaw() {
    }

    /** Decodes one A-law code to PCM16. */
    public static short decode(byte code) {
        return TABLES.decode(code);
    }

    /** Encodes one PCM16 sample to its A-law code. */
    public static byte encode(short sample) {
        return TABLES.encode(sample);
    }

    /**
     * Decodes {@code len} A-law codes into PCM16.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public static void decode(byte[] src, int srcOff, short[] dst, int dstOff, int len) {
        TABLES.decode(src, srcOff, dst, dstOff, len);
    }

    /**
     * Encodes {@code len} PCM16 samples into A-law codes.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public static void encode(short[] src, int srcOff, byte[] dst, int dstOff, int len) {
        TABLES.encode(src, srcOff, dst, dstOff, len);
    }

    // G.191 alaw_expand.
    private static int decodeByFormula(int code) {
        int ix = (code ^ 0x55) & 0x7F;
        int exponent = ix >> 4;
        int mantissa = ix & 0x0F;
        if (exponent > 0) {
            mantissa += 16;
        }
        mantissa = (mantissa << 4) + 8;
        if (exponent > 1) {
            mantissa <<= exponent - 1;
        }
        return code > 127 ? mantissa : -mantissa;
    }

    // G.191 alaw_compress. The table is built from this once; the lookup is what runs per sample.
    private static int encodeByFormula(int x) {
        int ix = x < 0 ? (~x) >> 4 : x >> 4;
        if (ix > 15) {
            int exponent = 1;
            while (ix > 16 + 15) {
                ix >>= 1;
                exponent++;
            }
            ix = ix - 16 + (exponent << 4);
        }
        if (x >= 0) {
            ix |= 0x80;
        }
        return ix ^ 0x55;
    }
}
