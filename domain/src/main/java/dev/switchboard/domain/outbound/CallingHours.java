package dev.switchboard.domain.outbound;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a tenant's calls may ring, in its own timezone: from {@code start} (inclusive) to
 * {@code end} (exclusive), every day. A window with {@code start} after {@code end} spans
 * midnight; {@code start == end} means all day.
 */
public record CallingHours(LocalTime start, LocalTime end) {
    public static final CallingHours ALWAYS = new CallingHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public CallingHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public boolean allows(Instant at, ZoneId zone) {
        if (start.equals(end)) return true;
        var local = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !local.isBefore(start) && local.isBefore(end) : !local.isBefore(start) || local.isBefore(end);
    }

    /** {@code at} itself when calls may ring then, else the next time the window opens. */
    public Instant nextOpening(Instant at, ZoneId zone) {
        if (allows(at, zone)) return at;
        var local = at.atZone(zone);
        var today = local.toLocalDate().atTime(start).atZone(zone);
        return (today.toInstant().isAfter(at) ? today : today.plusDays(1)).toInstant();
    }
}
