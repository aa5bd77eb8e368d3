package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.domain.appointment.AvailabilityRules;
import dev.switchboard.domain.appointment.OpeningInterval;
import io.micronaut.serde.annotation.Serdeable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * Availability rules as the API writes and reads them:
 * <pre>{"openingHours": {"tuesday": ["09:00-12:00", "14:00-19:00"], …}, "defaultDurationMinutes": 45,
 *  "serviceDurations": {"haircut": 30, "coloring": 90}, "slotMinutes": 30, "closedDates": ["2026-12-25"]}</pre>
 * Weekdays are English names in any case; days left out are closed. {@code slotMinutes}
 * defaults to 30, services and closed dates to none. Times are the tenant's wall clock.
 */
final class AvailabilityJson {
    static final int DEFAULT_SLOT_MINUTES = 30;

    private AvailabilityJson() {}

    /** The body {@link #read} accepts, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "AvailabilityRequest", description = "Opening hours and appointment rules; days left out are closed.")
    record Request(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "weekday (english, any case) → intervals HH:mm-HH:mm",
                    example = "{\"tuesday\": [\"09:00-12:00\", \"14:00-19:00\"], \"saturday\": [\"09:00-17:00\"]}")
            Map<String, List<String>> openingHours,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "720", example = "45") Integer defaultDurationMinutes,
            @Schema(description = "service → minutes (1..720)", example = "{\"haircut\": 30, \"coloring\": 90}") Map<String, Integer> serviceDurations,
            @Schema(minimum = "5", maximum = "240", description = "default 30", example = "30") Integer slotMinutes,
            @Schema(description = "yyyy-MM-dd", example = "[\"2026-12-25\"]") List<String> closedDates) {}

    @Serdeable
    @Schema(name = "Availability", requiredProperties = {"timezone", "openingHours", "defaultDurationMinutes", "serviceDurations", "slotMinutes", "closedDates"})
    record View(String timezone, Map<String, List<String>> openingHours, long defaultDurationMinutes,
                Map<String, Long> serviceDurations, long slotMinutes, List<String> closedDates, String summary) {}

    static View view(AvailabilityRules rules, String timezone) {
        var hours = new LinkedHashMap<String, List<String>>();
        rules.openingHours().forEach((day, intervals) ->
                hours.put(day.name().toLowerCase(Locale.ROOT), intervals.stream().map(OpeningInterval::toString).toList()));
        var services = new LinkedHashMap<String, Long>();
        rules.serviceDurations().forEach((service, length) -> services.put(service, length.toMinutes()));
        return new View(timezone, hours, rules.defaultDuration().toMinutes(), services, rules.slotGranularity().toMinutes(),
                rules.closedDates().stream().map(LocalDate::toString).toList(), rules.describe());
    }

    static AvailabilityRules read(JsonBody body) {
        var hours = openingHours(body);
        var defaultMinutes = minutes(body, "defaultDurationMinutes", true, 1, 720);
        var slotMinutes = minutes(body, "slotMinutes", false, 5, 240);
        var services = serviceDurations(body);
        var closed = new TreeSet<LocalDate>();
        var dates = body.strings("closedDates", false);
        if (dates != null) for (var date : dates) {
            var parsed = body.convert("closedDates", date, AvailabilityJson::date);
            if (parsed != null) closed.add(parsed);
        }
        body.validate();
        var rules = body.convert("openingHours", hours, h -> new AvailabilityRules(h, Duration.ofMinutes(defaultMinutes), services,
                Duration.ofMinutes(slotMinutes == null ? DEFAULT_SLOT_MINUTES : slotMinutes), closed));
        body.validate();
        return rules;
    }

    private static Map<DayOfWeek, List<OpeningInterval>> openingHours(JsonBody body) {
        var hours = new EnumMap<DayOfWeek, List<OpeningInterval>>(DayOfWeek.class);
        var object = body.object("openingHours", true);
        if (object == null) return hours;
        for (var name : object.fieldNames()) {
            var day = object.convert(name, name, AvailabilityJson::weekday);
            var intervals = object.strings(name, true);
            if (day == null || intervals == null) continue;
            var parsed = new ArrayList<OpeningInterval>();
            for (var interval : intervals) {
                var one = object.convert(name, interval, OpeningInterval::parse);
                if (one != null) parsed.add(one);
            }
            hours.put(day, parsed);
        }
        return hours;
    }

    private static Map<String, Duration> serviceDurations(JsonBody body) {
        var services = new LinkedHashMap<String, Duration>();
        var object = body.object("serviceDurations", false);
        if (object == null) return services;
        for (var name : object.fieldNames()) {
            if (name.isBlank()) {
                object.reject(name, "a service needs a name");
                continue;
            }
            var minutes = minutes(object, name, true, 1, 720);
            if (minutes == null) continue;
            if (services.put(AvailabilityRules.serviceKey(name), Duration.ofMinutes(minutes)) != null)
                object.reject(name, "service listed twice");
        }
        return services;
    }

    private static Integer minutes(JsonBody body, String field, boolean required, int min, int max) {
        var minutes = body.integer(field, required);
        if (minutes != null && (minutes < min || minutes > max)) {
            body.reject(field, "must be within " + min + ".." + max + " minutes");
            return null;
        }
        return minutes;
    }

    private static DayOfWeek weekday(String name) {
        try {
            return DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a weekday: use monday, tuesday, … sunday");
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("dates are written yyyy-MM-dd, e.g. 2026-12-25: " + text);
        }
    }
}
