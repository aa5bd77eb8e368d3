package dev.switchboard.app.api;

import dev.switchboard.app.Api;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the tool-related API tests share: a salon in Paris and its opening hours. */
final class ToolsApi {
    /** A Tuesday far enough ahead that "today" never reaches it while the tests run. */
    static final LocalDate TUESDAY = LocalDate.of(2030, 1, 7).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));

    private ToolsApi() {}

    /** Signs up a tenant in Europe/Paris and returns a client carrying its owner's token. */
    static Api salon(Api anonymous, String name) {
        var answer = anonymous.post("/api/v1/signup", Map.of("tenantName", name, "email", "owner-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery", "timezone", "Europe/Paris"));
        if (answer.status() != 201) throw new IllegalStateException("signup failed: " + answer.raw());
        return anonymous.as((String) answer.json().get("access_token"));
    }

    static Map<String, Object> salonRules() {
        var days = List.of("09:00-12:00", "14:00-19:00");
        return Map.of("openingHours", Map.of("tuesday", days, "wednesday", days, "thursday", days, "friday", days, "saturday", days),
                "defaultDurationMinutes", 45,
                "serviceDurations", Map.of("haircut", 30, "Coloring", 90),
                "slotMinutes", 30,
                "closedDates", List.of(TUESDAY.plusDays(7).toString()));
    }
}
