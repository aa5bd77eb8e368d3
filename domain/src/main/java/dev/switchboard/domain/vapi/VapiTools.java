package dev.switchboard.domain.vapi;

/** What Vapi's tool webhook needs beyond running the tool (PROTOCOLS.md §8.3). */
final class VapiTools {
    private VapiTools() {}

    /** Vapi wants results on one line. */
    static String singleLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
