package dev.switchboard.twilio.in;

/** A JSON string literal, for the few messages written without the mapper on the hot path. */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** Appends {@code text} as a quoted JSON string (RFC 8259 §7), escaping what must be. */
    static StringBuilder quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters, and the line separators that break JavaScript readers.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    else out.append(c);
                }
            }
        }
        return out.append('"');
    }
}
