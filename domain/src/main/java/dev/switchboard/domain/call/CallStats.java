package dev.switchboard.domain.call;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Counts and durations of a tenant's calls over a date range.
 *
 * @param averageDurationSeconds over calls that have a duration; 0 when none has
 */
public record CallStats(
        long total,
        Map<CallStatus, Long> byStatus,
        Map<CallDirection, Long> byDirection,
        long totalDurationSeconds,
        double averageDurationSeconds,
        List<Day> perDay) {

    public CallStats {
        byStatus = Map.copyOf(byStatus);
        byDirection = Map.copyOf(byDirection);
        perDay = List.copyOf(perDay);
    }

    /** One calendar day in the tenant's timezone. */
    public record Day(LocalDate date, long calls, long durationSeconds) {}
}
