package dev.switchboard.twilio.in;

/**
 * The keys a caller can press: the sixteen DTMF tones. Twilio reports a key as a one-character
 * string; anything else in a {@code dtmf} message ("x", "55", a number) is not a key press and is
 * refused on the timeline rather than passed to the assistant's key policy as if it were one.
 */
final class Dtmf {
    static final String DIGITS = "0-9 * # A-D";
    private static final String KEYS = "0123456789*#ABCD";

    private Dtmf() {}

    static boolean isDigit(String digit) {
        return digit != null && digit.length() == 1 && KEYS.indexOf(digit.charAt(0)) >= 0;
    }
}
