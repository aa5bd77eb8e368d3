package dev.switchboard.audio.internal;

import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * A G.711 law as two lookup tables — 256 codes to PCM16, 65,536 PCM16 values to codes — built
 * once from the law's formulas, so μ-law and A-law share one bulk loop. Immutable, thread-safe.
 */
public final class CompandingTables {
    private final short[] decode = new short[256];
    private final byte[] encode = new byte[65536];

    /**
     * @param decodeFormula code (0..255) to PCM16
     * @param encodeFormula PCM16 value (−32768..32767) to code
     */
    public CompandingTables(IntUnaryOperator decodeFormula, IntUnaryOperator encodeFormula) {
        for (int code = 0; code < 256; code++) decode[code] = (short) decodeFormula.applyAsInt(code);
        for (int x = -32768; x < 32768; x++) encode[x & 0xFFFF] = (byte) encodeFormula.applyAsInt(x);
    }

    public short decode(byte code) {
        return decode[code & 0xFF];
    }

    public byte encode(short sample) {
        return encode[sample & 0xFFFF];
    }

    /** @throws IndexOutOfBoundsException if either range is outside its array */
    public void decode(byte[] src, int srcOff, short[] dst, int dstOff, int len) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        for (int i = 0; i < len; i++) dst[dstOff + i] = decode[src[srcOff + i] & 0xFF];
    }

    /** @throws IndexOutOfBoundsException if either range is outside its array */
    public void encode(short[] src, int srcOff, byte[] dst, int dstOff, int len) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        for (int i = 0; i < len; i++) dst[dstOff + i] = encode[src[srcOff + i] & 0xFFFF];
    }
}
