package dev.switchboard.domain.appointment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A stretch of one day on the business's wall clock, e.g. 2026-03-03 from 09:00 to 09:30, in the
 * tenant's timezone. Slots never cross midnight.
 *
 * @param start inclusive; {@code end} exclusive
 */
public record Slot(LocalDate date, LocalTime start, LocalTime end) {
    public Slot {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) throw new IllegalArgumentException("a slot must end after it starts: " + start + "-" + end);
    }

    /** The slot of {@code length} starting at {@code start}, if it ends the same day. */
    public static java.util.Optional<Slot> of(LocalDate date, LocalTime start, Duration length) {
        var end = start.plus(length);
        boolean sameDay = Duration.between(start, LocalTime.MAX).compareTo(length) >= 0 && end.isAfter(start);
        return sameDay ? java.util.Optional.of(new Slot(date, start, end)) : java.util.Optional.empty();
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /**
     * Whether the slot really happens in {@code zone} as written: its start is a time the clocks
     * show that day (not skipped when they go forward) and it lasts as long as its wall-clock
     * length (no clock change inside it). Stored as instants, a slot that does not would start
     * later than written, or end before it starts.
     */
    public boolean existsIn(ZoneId zone) {
        if (zone.getRules().getValidOffsets(date.atTime(start)).isEmpty()) return false;
        return Duration.between(startsAt(zone), endsAt(zone)).equals(length());
    }

    /** When the slot starts in {@code zone}; a wall-clock time skipped by DST moves forward. */
    public Instant startsAt(ZoneId zone) {
        return date.atTime(start).atZone(zone).toInstant();
    }

    public Instant endsAt(ZoneId zone) {
        return date.atTime(end).atZone(zone).toInstant();
    }

    /** E.g. {@code 2026-03-03 09:00-09:30}: the form the tools show the model. */
    public String label() {
        return date + " " + hhmm(start) + "-" + hhmm(end);
    }

    /** {@code HH:mm}; the end of the day (as far as {@link LocalTime} goes) reads {@code 24:00}. */
    public static String hhmm(LocalTime time) {
        if (time.equals(LocalTime.MAX)) return "24:00";
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }
}
