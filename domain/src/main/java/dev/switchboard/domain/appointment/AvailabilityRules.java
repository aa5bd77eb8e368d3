package dev.switchboard.domain.appointment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When a tenant takes appointments, on its own wall clock (the tenant's timezone): weekly opening
 * hours, how long each service lasts, the grid slots start on, and dates it is closed.
 *
 * @param openingHours per weekday, the open intervals in order, not overlapping; a missing day is closed
 * @param defaultDuration the length of a service not listed in {@code serviceDurations}
 * @param serviceDurations by service name, stored lower-cased and stripped (e.g. {@code haircut} → 30 min)
 * @param slotGranularity slots start every this many minutes from the opening time (5..240 min)
 * @param closedDates holidays and other days closed whatever the weekday
 */
public record AvailabilityRules(
        Map<DayOfWeek, List<OpeningInterval>> openingHours,
        Duration defaultDuration,
        Map<String, Duration> serviceDurations,
        Duration slotGranularity,
        SortedSet<LocalDate> closedDates) {

    static final Duration MAX_DURATION = Duration.ofHours(12);

    public AvailabilityRules {
        Objects.requireNonNull(openingHours, "openingHours");
        var hours = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        openingHours.forEach((day, intervals) -> {
            Objects.requireNonNull(day, "weekday");
            var sorted = new ArrayList<>(Objects.requireNonNull(intervals, "opening intervals of " + day));
            sorted.sort(Comparator.comparing(OpeningInterval::opens));
            for (int i = 1; i < sorted.size(); i++)
                if (sorted.get(i).opens().isBefore(sorted.get(i - 1).closes()))
                    throw new IllegalArgumentException("opening hours overlap on " + name(day) + ": " + sorted.get(i - 1) + " and " + sorted.get(i));
            if (!sorted.isEmpty()) hours.put(day, List.copyOf(sorted));
        });
        openingHours = Collections.unmodifiableMap(hours);
        defaultDuration = checkDuration("default duration", defaultDuration);
        var services = new TreeMap<String, Duration>();
        Objects.requireNonNull(serviceDurations, "serviceDurations").forEach((service, length) -> {
            var key = serviceKey(service);
            if (key.isEmpty()) throw new IllegalArgumentException("a service needs a name");
            if (services.put(key, checkDuration("duration of " + key, length)) != null)
                throw new IllegalArgumentException("service listed twice: " + key);
        });
        serviceDurations = Collections.unmodifiableMap(services);
        Objects.requireNonNull(slotGranularity, "slotGranularity");
        if (slotGranularity.toSeconds() % 60 != 0 || slotGranularity.toMinutes() < 5 || slotGranularity.toMinutes() > 240)
            throw new IllegalArgumentException("slot granularity must be 5..240 whole minutes: " + slotGranularity.toMinutes());
        closedDates = Collections.unmodifiableSortedSet(new TreeSet<>(closedDates == null ? Set.of() : closedDates));
    }

    /** How a service name is compared: stripped and lower-cased; {@code null} is the empty name. */
    public static String serviceKey(String service) {
        return service == null ? "" : service.strip().toLowerCase(Locale.ROOT);
    }

    /** The service's length; unknown or absent services take the default duration. */
    public Duration durationOf(String serviceType) {
        return serviceDurations.getOrDefault(serviceKey(serviceType), defaultDuration);
    }

    /** The intervals the business is open on that date; empty when it is closed. */
    public List<OpeningInterval> openOn(LocalDate date) {
        if (closedDates.contains(date)) return List.of();
        return openingHours.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** Whether the slot lies inside one opening interval of its day. */
    public boolean fits(Slot slot) {
        return openOn(slot.date()).stream().anyMatch(i -> i.contains(slot.start(), slot.end()));
    }

    /** E.g. {@code Tuesday 09:00-12:00, 14:00-19:00; Wednesday …}: for prompts and tool answers. */
    public String describe() {
        if (openingHours.isEmpty()) return "closed every day";
        var days = new ArrayList<String>();
        openingHours.forEach((day, intervals) -> days.add(name(day) + " " + String.join(", ", intervals.stream().map(OpeningInterval::toString).toList())));
        return String.join("; ", days);
    }

    private static Duration checkDuration(String what, Duration length) {
        Objects.requireNonNull(length, what);
        if (length.isNegative() || length.isZero() || length.toSeconds() % 60 != 0 || length.compareTo(MAX_DURATION) > 0)
            throw new IllegalArgumentException(what + " must be 1.." + MAX_DURATION.toMinutes() + " whole minutes: " + length.toMinutes());
        return length;
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** Slot start times of one interval: every granularity step from opening, as long as the service fits. */
    List<LocalTime> starts(OpeningInterval interval, Duration length) {
        var starts = new ArrayList<LocalTime>();
        for (var t = interval.opens(); ; t = t.plus(slotGranularity)) {
            var slot = Slot.of(LocalDate.MIN, t, length);
            if (slot.isEmpty() || !interval.contains(t, slot.get().end())) break;
            starts.add(t);
            if (t.plus(slotGranularity).isBefore(t)) break; // wrapped past midnight
        }
        return starts;
    }
}
