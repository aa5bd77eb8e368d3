package dev.switchboard.app.api;

import static dev.switchboard.app.api.ToolsApi.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.Toolbox;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent books through the Toolbox bean; the API lists and cancels what it booked. */
@MicronautTest(transactional = false)
class AppointmentApiE2eTest {
    private static final List<String> SIX = List.of("book_appointment", "cancel_appointment", "check_availability", "end_call",
            "search_knowledge", "transfer_to_human");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Toolbox toolbox;

    @Inject
    AssistantRepository assistants;

    private Api owner;
    private ToolContext call;

    @BeforeEach
    void a_salon_with_an_agent() {
        owner = ToolsApi.salon(new Api(server, json), "Salon Lumière");
        owner.put("/api/v1/availability", ToolsApi.salonRules());
        var body = new HashMap<>(Bodies.assistant("Reception"));
        body.put("tools", SIX);
        var assistantId = (String) owner.post("/api/v1/assistants", body).json().get("id");
        var tenant = TenantId.parse((String) owner.get("/api/v1/tenant").json().get("id"));
        var assistant = assistants.findById(tenant, AssistantId.parse(assistantId)).orElseThrow();
        call = new ToolContext(tenant, assistant, null, "+33612345678");
    }

    private ToolOutcome run(String tool, Map<String, Object> arguments) {
        return toolbox.find(call.assistant(), tool).orElseThrow().run(call, arguments);
    }

    private Map<String, Object> book(LocalDate date, String time, String service) {
        var outcome = run("book_appointment", Map.of("date", date.toString(), "time", time, "client_name", "Jean Dupont", "service_type", service));
        assertThat(outcome.details()).as(outcome.forModel()).containsEntry("result", "booked");
        return outcome.details();
    }

    @Test
    void the_toolbox_offers_the_six_tools_the_assistant_enabled() {
        assertThat(toolbox.definitionsFor(call.assistant())).extracting(ToolDefinition::name).containsExactlyElementsOf(SIX);
        var sms = toolbox.find(call.assistant(), "send_sms");
        assertThat(sms).isEmpty();
    }

    @Test
    void lists_what_the_agent_booked_in_the_salons_time_and_cancels_it() {
        var booked = book(TUESDAY, "14:30", "coloring");
        var id = (String) booked.get("appointmentId");
        var listed = owner.get("/api/v1/appointments?from=" + TUESDAY + "&to=" + TUESDAY);
        var paris = ZoneId.of("Europe/Paris");
        var expected = new HashMap<String, Object>();
        expected.put("id", id);
        expected.put("status", "booked");
        expected.put("clientName", "Jean Dupont");
        expected.put("clientPhone", "+33612345678");
        expected.put("serviceType", "coloring");
        expected.put("date", TUESDAY.toString());
        expected.put("start", "14:30");
        expected.put("end", "16:00");
        expected.put("startsAt", TUESDAY.atTime(14, 30).atZone(paris).toInstant().toString());
        expected.put("endsAt", TUESDAY.atTime(16, 0).atZone(paris).toInstant().toString());
        assertThat(listed.list()).hasSize(1);
        var view = new HashMap<>(listed.list().get(0));
        assertThat(view.remove("createdAt")).isNotNull();
        assertThat(view).isEqualTo(expected);

        var canceled = owner.post("/api/v1/appointments/" + id + "/cancel", null);
        assertThat(canceled.status()).as(canceled.raw()).isEqualTo(200);
        assertThat(canceled.json()).containsEntry("status", "canceled").containsEntry("id", id);
        var again = owner.post("/api/v1/appointments/" + id + "/cancel", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(owner.get("/api/v1/appointments?from=" + TUESDAY + "&to=" + TUESDAY).list())
                .extracting(a -> a.get("status")).containsExactly("canceled");
        // The slot is free again for the agent.
        assertThat(run("check_availability", Map.of("date", TUESDAY.toString(), "service_type", "coloring")).forModel()).contains("14:30");
    }

    @Test
    void the_agent_is_told_when_a_slot_is_taken_and_can_cancel_by_phone() {
        book(TUESDAY, "10:00", "haircut");
        var taken = run("book_appointment", Map.of("date", TUESDAY.toString(), "time", "10:00", "client_name", "Marie",
                "client_phone", "+33699999999", "service_type", "haircut"));
        assertThat(taken.details()).containsEntry("result", "slot_taken").containsEntry("alternatives", List.of(
                TUESDAY + " 09:00-09:30", TUESDAY + " 09:30-10:00", TUESDAY + " 10:30-11:00"));
        var cancel = run("cancel_appointment", Map.of("date", TUESDAY.toString()));
        assertThat(cancel.details()).containsEntry("result", "canceled");
        assertThat(owner.get("/api/v1/appointments?from=" + TUESDAY).list()).extracting(a -> a.get("status")).containsExactly("canceled");
    }

    @Test
    void another_tenant_cannot_see_or_cancel_them() {
        var id = (String) book(TUESDAY, "09:00", "haircut").get("appointmentId");
        var other = ToolsApi.salon(new Api(server, json), "Other");
        assertThat(other.get("/api/v1/appointments?from=" + TUESDAY + "&to=" + TUESDAY).list()).isEmpty();
        assertThat(other.post("/api/v1/appointments/" + id + "/cancel", null).status()).isEqualTo(404);
        assertThat(other.post("/api/v1/appointments/not-a-uuid/cancel", null).status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/appointments?from=" + TUESDAY + "&to=" + TUESDAY).list())
                .extracting(a -> a.get("status")).containsExactly("booked");
    }

    @Test
    void bad_ranges_name_their_fields() {
        assertThat(AssistantApiE2eTest.fields(owner.get("/api/v1/appointments?from=tomorrow&to=2030-13-01"))).containsExactly("from", "to");
        assertThat(AssistantApiE2eTest.fields(owner.get("/api/v1/appointments?from=2030-01-08&to=2030-01-01"))).containsExactly("to");
        assertThat(AssistantApiE2eTest.fields(owner.get("/api/v1/appointments?from=2030-01-01&to=2030-12-31"))).containsExactly("to");
        assertThat(owner.get("/api/v1/appointments").list()).isEmpty();
    }
}
