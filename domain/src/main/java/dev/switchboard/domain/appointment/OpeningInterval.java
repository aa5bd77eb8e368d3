package dev.switchboard.domain.appointment;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/** One stretch of a day when the business is open, e.g. 09:00 to 12:00 ({@code closes} exclusive). */
public record OpeningInterval(LocalTime opens, LocalTime closes) {
    public OpeningInterval {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!closes.isAfter(opens)) throw new IllegalArgumentException("opening hours must close after they open: " + opens + "-" + closes);
    }

    /** Reads {@code HH:mm-HH:mm}, e.g. {@code 09:00-12:00}. */
    public static OpeningInterval parse(String text) {
        var parts = text == null ? new String[0] : text.strip().split("\\s*-\\s*");
        if (parts.length != 2) throw new IllegalArgumentException("opening hours are written HH:mm-HH:mm, e.g. 09:00-12:00: " + text);
        try {
            return new OpeningInterval(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("opening hours are written HH:mm-HH:mm, e.g. 09:00-12:00: " + text);
        }
    }

    public boolean contains(LocalTime start, LocalTime end) {
        return !start.isBefore(opens) && !end.isAfter(closes);
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}
