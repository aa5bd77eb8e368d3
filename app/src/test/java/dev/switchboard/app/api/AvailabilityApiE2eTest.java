package dev.switchboard.app.api;

import static dev.switchboard.app.api.ToolsApi.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class AvailabilityApiE2eTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;

    @BeforeEach
    void a_salon() {
        owner = ToolsApi.salon(new Api(server, json), "Salon Lumière");
    }

    @Test
    void rules_are_absent_then_replaced_whole_and_read_back() {
        var none = owner.get("/api/v1/availability");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.contentType()).startsWith("application/problem+json");

        var days = List.of("09:00-12:00", "14:00-19:00");
        var expected = new HashMap<String, Object>();
        expected.put("timezone", "Europe/Paris");
        expected.put("openingHours", Map.of("tuesday", days, "wednesday", days, "thursday", days, "friday", days, "saturday", days));
        expected.put("defaultDurationMinutes", 45);
        expected.put("serviceDurations", Map.of("coloring", 90, "haircut", 30));
        expected.put("slotMinutes", 30);
        expected.put("closedDates", List.of(TUESDAY.plusDays(7).toString()));
        expected.put("summary", "Tuesday 09:00-12:00, 14:00-19:00; Wednesday 09:00-12:00, 14:00-19:00; Thursday 09:00-12:00, 14:00-19:00; "
                + "Friday 09:00-12:00, 14:00-19:00; Saturday 09:00-12:00, 14:00-19:00");
        var saved = owner.put("/api/v1/availability", ToolsApi.salonRules());
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(saved.json()).isEqualTo(expected);
        assertThat(owner.get("/api/v1/availability").json()).isEqualTo(expected);

        var mondays = owner.put("/api/v1/availability", Map.of("openingHours", Map.of("Monday", List.of("08:00-12:30")),
                "defaultDurationMinutes", 20));
        assertThat(mondays.json()).isEqualTo(Map.of("timezone", "Europe/Paris", "openingHours", Map.of("monday", List.of("08:00-12:30")),
                "defaultDurationMinutes", 20, "serviceDurations", Map.of(), "slotMinutes", 30, "closedDates", List.of(),
                "summary", "Monday 08:00-12:30"));
    }

    @Test
    void free_slots_of_a_day_follow_hours_service_and_closed_dates() {
        owner.put("/api/v1/availability", ToolsApi.salonRules());
        var coloring = owner.get("/api/v1/availability/slots?date=" + TUESDAY + "&service=coloring");
        assertThat(coloring.json()).isEqualTo(Map.of("date", TUESDAY.toString(), "result", "open", "serviceType", "coloring",
                "durationMinutes", 90, "freeSlots", List.of("09:00", "09:30", "10:00", "10:30",
                        "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30")));
        var closed = owner.get("/api/v1/availability/slots?date=" + TUESDAY.plusDays(7));
        assertThat(closed.json()).isEqualTo(Map.of("date", TUESDAY.plusDays(7).toString(), "result", "closed", "freeSlots", List.of(),
                "nextOpenDay", TUESDAY.plusDays(8).toString()));
        assertThat(owner.get("/api/v1/availability/slots?date=2020-01-07").json()).containsEntry("result", "in_the_past");
        assertThat(AssistantApiE2eTest.fields(owner.get("/api/v1/availability/slots?date=07/01/2030"))).containsExactly("date");
        assertThat(AssistantApiE2eTest.fields(owner.get("/api/v1/availability/slots"))).containsExactly("date");
    }

    @Test
    void bad_rules_name_every_field_and_change_nothing() {
        owner.put("/api/v1/availability", ToolsApi.salonRules());
        var bad = new HashMap<String, Object>();
        bad.put("openingHours", Map.of("funday", List.of("09:00-12:00"), "tuesday", List.of("12:00-09:00")));
        bad.put("defaultDurationMinutes", 0);
        bad.put("slotMinutes", 3);
        bad.put("serviceDurations", Map.of("haircut", "thirty"));
        bad.put("closedDates", List.of("25/12/2030"));
        assertThat(AssistantApiE2eTest.fields(owner.put("/api/v1/availability", bad))).containsExactlyInAnyOrder("openingHours.funday",
                "openingHours.tuesday", "defaultDurationMinutes", "slotMinutes", "serviceDurations.haircut", "closedDates");
        var overlapping = Map.of("openingHours", Map.of("tuesday", List.of("09:00-12:00", "11:00-13:00")), "defaultDurationMinutes", 30);
        assertThat(AssistantApiE2eTest.fields(owner.put("/api/v1/availability", overlapping))).containsExactly("openingHours");
        assertThat(AssistantApiE2eTest.fields(owner.put("/api/v1/availability", Map.of("defaultDurationMinutes", 30))))
                .containsExactly("openingHours");
        assertThat(AssistantApiE2eTest.fields(owner.send("PUT", "/api/v1/availability", "[1, 2]"))).containsExactly("body");
        assertThat(owner.get("/api/v1/availability").json()).containsEntry("defaultDurationMinutes", 45);
    }

    @Test
    void each_tenant_has_its_own_rules() {
        owner.put("/api/v1/availability", ToolsApi.salonRules());
        var other = ToolsApi.salon(new Api(server, json), "Other");
        assertThat(other.get("/api/v1/availability").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/availability/slots?date=" + TUESDAY).json()).containsEntry("result", "not_configured");
        assertThat(new Api(server, json).get("/api/v1/availability").status()).isEqualTo(401);
    }
}
