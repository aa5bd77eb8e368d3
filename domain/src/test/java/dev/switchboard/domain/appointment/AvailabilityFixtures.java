package dev.switchboard.domain.appointment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The salon of the field report: open Tuesday to Saturday 09:00-12:00 and 14:00-19:00, haircut
 * 30 min, coloring 90 min, 45 min otherwise, slots every 30 min, closed on Saturday 2026-03-14.
 * With {@code Fixtures.T0} (Monday 2026-03-02, 10:00 in Paris) the next open day is Tuesday 03-03.
 */
public final class AvailabilityFixtures {
    public static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    public static final LocalDate TUESDAY = LocalDate.of(2026, 3, 3);
    public static final LocalDate CLOSED_SATURDAY = LocalDate.of(2026, 3, 14);

    private AvailabilityFixtures() {}

    public static AvailabilityRules salon() {
        var hours = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        for (var day : List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY))
            hours.put(day, List.of(OpeningInterval.parse("14:00-19:00"), OpeningInterval.parse("09:00-12:00")));
        return new AvailabilityRules(hours, Duration.ofMinutes(45),
                Map.of("haircut", Duration.ofMinutes(30), "Coloring", Duration.ofMinutes(90)), Duration.ofMinutes(30),
                new TreeSet<>(List.of(CLOSED_SATURDAY)));
    }
}
