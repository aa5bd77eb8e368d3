package dev.switchboard.domain.assistant;

/** Checks on free-text settings, so every record reports the field by the name the API uses. */
final class Text {
    private Text() {}

    static String required(String value, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is required");
        return value.strip();
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
