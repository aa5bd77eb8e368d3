package dev.switchboard.twilio.in;

/**
 * Reads one string field of a small JSON message without building a tree, for the audio frames
 * that come fifty times a second per call. It finds {@code "name"}, a colon and a string with no
 * escape in it; anything else (a number, an escape, a missing field) answers {@code null}, and the
 * caller then reads the message the ordinary way. A quoted name followed by a colon cannot occur
 * inside a string value (its quotes would be escaped), so a match is always a key; when several
 * objects share the name, the first in the text wins — callers only use it where that is the one
 * they mean. Duplicated in the Twilio and LLM adapters, which may not depend on each other.
 */
final class PlainJsonField {
    private PlainJsonField() {}

    /** The value of the first {@code "name": "…"} in {@code json}, when it has no escapes; else {@code null}. */
    static String of(String json, String name) {
        int from = 0;
        while (true) {
            int at = json.indexOf(name, from);
            if (at < 0) return null;
            from = at + name.length();
            if (at == 0 || json.charAt(at - 1) != '"' || from >= json.length() || json.charAt(from) != '"') continue;
            // An escaped quote before the name: part of a string value, not a key.
            if (at >= 2 && json.charAt(at - 2) == '\\') continue;
            int i = skipSpace(json, from + 1);
            if (i >= json.length() || json.charAt(i) != ':') continue;
            i = skipSpace(json, i + 1);
            if (i >= json.length() || json.charAt(i) != '"') return null;
            int end = json.indexOf('"', i + 1);
            if (end < 0) return null;
            for (int k = i + 1; k < end; k++) if (json.charAt(k) == '\\') return null;
            return json.substring(i + 1, end);
        }
    }

    private static int skipSpace(String json, int i) {
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            i++;
        }
        return i;
    }
}
