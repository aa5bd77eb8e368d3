package dev.switchboard.persistence.out;

import dev.switchboard.domain.appointment.AvailabilityRules;
import dev.switchboard.domain.appointment.OpeningInterval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSONB shape of {@link AvailabilityRules}, written by hand so renaming a record component
 * cannot silently change what is stored:
 * <pre>{"openingHours": {"TUESDAY": ["09:00-12:00", "14:00-19:00"]}, "defaultDurationMinutes": 45,
 *  "serviceDurations": {"haircut": 30}, "slotMinutes": 30, "closedDates": ["2026-12-25"]}</pre>
 */
final class AvailabilityRulesJson {
    private AvailabilityRulesJson() {}

    static Map<String, Object> write(AvailabilityRules rules) {
        var hours = new LinkedHashMap<String, Object>();
        rules.openingHours().forEach((day, intervals) -> hours.put(day.name(), intervals.stream().map(OpeningInterval::toString).toList()));
        var services = new LinkedHashMap<String, Object>();
        rules.serviceDurations().forEach((service, length) -> services.put(service, length.toMinutes()));
        var json = new LinkedHashMap<String, Object>();
        json.put("openingHours", hours);
        json.put("defaultDurationMinutes", rules.defaultDuration().toMinutes());
        json.put("serviceDurations", services);
        json.put("slotMinutes", rules.slotGranularity().toMinutes());
        json.put("closedDates", rules.closedDates().stream().map(LocalDate::toString).toList());
        return json;
    }

    static AvailabilityRules read(Map<String, Object> json) {
        var hours = new LinkedHashMap<DayOfWeek, List<OpeningInterval>>();
        map(json, "openingHours").forEach((day, intervals) -> {
            var list = new ArrayList<OpeningInterval>();
            for (var interval : (List<?>) intervals) list.add(OpeningInterval.parse(String.valueOf(interval)));
            hours.put(DayOfWeek.valueOf(day), list);
        });
        var services = new LinkedHashMap<String, Duration>();
        map(json, "serviceDurations").forEach((service, minutes) -> services.put(service, Duration.ofMinutes(((Number) minutes).longValue())));
        var closed = new TreeSet<LocalDate>();
        if (json.get("closedDates") instanceof List<?> dates) for (var date : dates) closed.add(LocalDate.parse(String.valueOf(date)));
        return new AvailabilityRules(hours, minutes(json, "defaultDurationMinutes"), services, minutes(json, "slotMinutes"), closed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String key) {
        return json.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Duration minutes(Map<String, Object> json, String key) {
        if (json.get(key) instanceof Number n) return Duration.ofMinutes(n.longValue());
        throw new IllegalStateException("stored availability rules lack a number: " + key);
    }
}
