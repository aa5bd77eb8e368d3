package dev.switchboard.domain.tool;

import dev.switchboard.domain.appointment.Slot;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** How tool results phrase dates, times and slots for the model: short, factual English. */
final class Words {
    private Words() {}

    /** {@code 2026-03-03 (Tuesday)}. */
    static String day(LocalDate date) {
        return date + " (" + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")";
    }

    static String minutes(Duration length) {
        return length.toMinutes() + " min";
    }

    /** {@code 2026-03-03 09:30, 2026-03-04 10:00}; slots of the same day as {@code day} show the time only. */
    static String slots(List<Slot> slots, LocalDate day) {
        return String.join(", ", slots.stream().map(s -> (s.date().equals(day) ? "" : day(s.date()) + " ") + Slot.hhmm(s.start())).toList());
    }

    static List<String> labels(List<Slot> slots) {
        return slots.stream().map(Slot::label).toList();
    }
}
