package dev.switchboard.audio.internal;

/**
 * The RFC 4648 base64 alphabet as lookup tables, so callers can stream octets straight into
 * characters (and back) without the intermediate {@code byte[]} that {@link java.util.Base64} needs.
 */
public final class Base64Alphabet {
    /** Index → character. */
    public static final char[] ENCODE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final byte[] DECODE = new byte[128];

    static {
        java.util.Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ENCODE.length; i++) {
            DECODE[ENCODE[i]] = (byte) i;
        }
    }

    private Base64Alphabet() {
    }

    /** Character → 6-bit value. @throws IllegalArgumentException outside the alphabet */
    public static int decode(char c) {
        int v = c < 128 ? DECODE[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("not a base64 character: " + (int) c);
        }
        return v;
    }
}
