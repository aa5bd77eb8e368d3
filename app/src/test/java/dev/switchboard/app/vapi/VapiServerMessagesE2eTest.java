package dev.switchboard.app.vapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.testkit.vapi.VapiMessageSender;
import dev.switchboard.testkit.vapi.VapiMessageSender.SecretStyle;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Vapi's server messages end to end: signed posts in, one call with transcript, cost and bookings out through the API. */
@MicronautTest
class VapiServerMessagesE2eTest {
    static final String SECRET = "whsec-salon-42";
    static final List<String[]> TURNS = List.of(
            new String[] {"bot", "Bonjour !"},
            new String[] {"user", "Je voudrais une coupe mardi à dix heures."},
            new String[] {"bot", "C'est réservé pour mardi à 10 h."},
            new String[] {"user", "Merci, au revoir."});

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    AppointmentRepository appointments;

    private Api owner;
    private String tenantId;
    private String assistantId;
    private String ourNumber;
    private VapiMessageSender vapi;
    private final Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void a_tenant_with_a_vapi_assistant_and_number() {
        owner = new Api(server, json).newTenant("Salon Lumière");
        tenantId = (String) owner.get("/api/v1/tenant").json().get("id");
        assertThat(owner.put("/api/v1/connections/vapi", Map.of("apiKey", "vapi-key", "webhookSecret", SECRET)).status()).isEqualTo(200);
        var tuesdayToSaturday = List.of("09:00-12:00", "14:00-19:00");
        assertThat(owner.put("/api/v1/availability", Map.of("openingHours", Map.of("tuesday", tuesdayToSaturday,
                "wednesday", tuesdayToSaturday, "thursday", tuesdayToSaturday, "friday", tuesdayToSaturday, "saturday", tuesdayToSaturday),
                "defaultDurationMinutes", 45, "serviceDurations", Map.of("haircut", 30), "slotMinutes", 30)).status()).isEqualTo(200);
        var body = new HashMap<String, Object>();
        body.put("name", "Reception");
        body.put("systemPrompt", "You answer the phone for a hair salon.");
        body.put("firstMessage", "Bonjour !");
        body.put("language", "fr-FR");
        body.put("tools", List.of("book_appointment"));
        body.put("runtime", "vapi");
        assistantId = (String) owner.post("/api/v1/assistants", body).json().get("id");
        ourNumber = Fixtures.randomE164();
        assertThat(owner.post("/api/v1/phone-numbers", Map.of("number", ourNumber, "assistantId", assistantId)).status()).isEqualTo(201);
        vapi = new VapiMessageSender(server.getURI().resolve("/webhooks/vapi/" + tenantId), SECRET);
    }

    private VapiMessageSender.Call call() {
        return VapiMessageSender.call(ourNumber, "+33612345678", "vapi-asst-1",
                Map.of("switchboardTenantId", tenantId, "switchboardAssistantId", assistantId), start);
    }

    private static Map<String, Object> booking() {
        var tuesday = LocalDate.now(ZoneOffset.UTC).plusDays(2).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
        return Map.of("date", tuesday.toString(), "time", "10:00", "client_name", "Marie Curie", "service_type", "haircut");
    }

    @Test
    void a_whole_vapi_call_leaves_the_call_its_transcript_cost_and_booking_in_the_api() {
        var call = call();
        assertThat(vapi.send(call.statusUpdate(0, "ringing", null)).status()).isEqualTo(200);
        var inProgress = vapi.send(call.statusUpdate(1, "in-progress", null));
        assertThat(inProgress.status()).isEqualTo(200);
        assertThat(inProgress.json().toString()).isEqualTo("{}");
        assertThat(vapi.send(call.transcript(5, "user", "Je voudrais une coupe mardi à dix heures.")).status()).isEqualTo(200);

        var tools = vapi.send(call.toolCalls(8, "call_8Jq2", "book_appointment", booking()));
        assertThat(tools.status()).isEqualTo(200);
        var result = tools.json().path("results").get(0);
        assertThat(tools.json().path("results").size()).isEqualTo(1);
        assertThat(result.path("toolCallId").asText()).isEqualTo("call_8Jq2");
        assertThat(result.path("name").asText()).isEqualTo("book_appointment");
        assertThat(result.has("error")).as(tools.body()).isFalse();
        assertThat(result.path("result").asText()).isNotBlank().doesNotContain("\n");

        assertThat(vapi.send(call.conversationUpdate(12, TURNS)).status()).isEqualTo(200);
        assertThat(vapi.send(call.statusUpdate(95, "ended", "customer-ended-call")).status()).isEqualTo(200);
        assertThat(vapi.send(call.endOfCallReport(100, "customer-ended-call", 1, 91, "0.1432",
                "Marie Curie booked a haircut on Tuesday at 10:00.", TURNS)).status()).isEqualTo(200);

        var listed = calls();
        assertThat(listed).hasSize(1);
        var view = listed.get(0);
        assertThat(view).containsEntry("runtime", "vapi").containsEntry("providerCallId", call.id())
                .containsEntry("status", "completed").containsEntry("direction", "inbound")
                .containsEntry("from", "+33612345678").containsEntry("to", ourNumber)
                .containsEntry("assistantId", assistantId).containsEntry("durationSeconds", 90)
                .containsEntry("costCurrency", "USD").containsEntry("endedReason", "customer-ended-call")
                .containsEntry("recordingUrl", "https://storage.vapi.ai/" + call.id() + "-mono.wav")
                .containsEntry("summary", "Marie Curie booked a haircut on Tuesday at 10:00.")
                .containsEntry("answeredAt", start.plusSeconds(1).toString()).containsEntry("endedAt", start.plusSeconds(91).toString());
        assertThat(view.get("cost").toString()).isEqualTo("0.1432");

        var detail = owner.get("/api/v1/calls/" + view.get("id")).json();
        assertThat(transcript(detail)).containsExactly("agent: Bonjour !", "caller: Je voudrais une coupe mardi à dix heures.",
                "agent: C'est réservé pour mardi à 10 h.", "caller: Merci, au revoir.");
        var types = timelineTypes(detail);
        assertThat(types).containsSubsequence("vapi.call.created", "vapi.status-update", "status.changed", "vapi.status-update",
                "vapi.transcript", "tool.called", "vapi.tool-calls", "vapi.conversation-update", "status.changed",
                "vapi.status-update", "vapi.cost", "vapi.analysis", "vapi.end-of-call-report");
        var cost = timeline(detail).stream().filter(e -> e.get("type").equals("vapi.cost")).findFirst().orElseThrow();
        assertThat(map(cost.get("data"))).containsEntry("total", "0.1432").containsEntry("currency", "USD");
        assertThat((List<?>) map(cost.get("data")).get("breakdown")).hasSize(2);

        var booked = appointments.list(TenantId.parse(tenantId), Instant.now(), Instant.now().plus(30, ChronoUnit.DAYS));
        assertThat(booked).hasSize(1);
        assertThat(booked.get(0).clientName()).isEqualTo("Marie Curie");
        assertThat(booked.get(0).status()).isEqualTo(Appointment.Status.BOOKED);
        assertThat(booked.get(0).callId().toString()).isEqualTo(view.get("id"));
    }

    @Test
    void duplicated_and_reordered_deliveries_leave_one_consistent_call() {
        var call = call();
        var report = call.endOfCallReport(100, "customer-ended-call", 1, 91, "0.1432", "Booked.", TURNS);
        var tools = call.toolCalls(8, "call_1", "book_appointment", booking());
        var first = vapi.send(tools);
        var again = vapi.send(tools);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(vapi.send(report).status()).isEqualTo(200);
        assertThat(vapi.send(call.statusUpdate(95, "ended", "customer-ended-call")).status()).isEqualTo(200);
        assertThat(vapi.send(call.statusUpdate(1, "in-progress", null)).status()).isEqualTo(200);
        assertThat(vapi.send(call.statusUpdate(0, "ringing", null)).status()).isEqualTo(200);
        assertThat(vapi.send(call.conversationUpdate(12, TURNS.subList(0, 2))).status()).isEqualTo(200);
        assertThat(vapi.send(call.transcript(5, "user", "Je voudrais une coupe mardi à dix heures.")).status()).isEqualTo(200);
        assertThat(vapi.send(report).status()).isEqualTo(200);
        assertThat(vapi.send(call.conversationUpdate(12, TURNS.subList(0, 2))).status()).isEqualTo(200);

        var listed = calls();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("status", "completed").containsEntry("durationSeconds", 90)
                .containsEntry("answeredAt", start.plusSeconds(1).toString());
        var detail = owner.get("/api/v1/calls/" + listed.get(0).get("id")).json();
        assertThat(transcript(detail)).containsExactly("agent: Bonjour !", "caller: Je voudrais une coupe mardi à dix heures.",
                "agent: C'est réservé pour mardi à 10 h.", "caller: Merci, au revoir.");
        assertThat(timelineTypes(detail).stream().filter(t -> t.equals("vapi.duplicate"))).hasSize(3);
        assertThat(timelineTypes(detail).stream().filter(t -> t.equals("tool.called"))).hasSize(1);
        assertThat(appointments.list(TenantId.parse(tenantId), Instant.now(), Instant.now().plus(30, ChronoUnit.DAYS))).hasSize(1);
    }

    @Test
    void the_same_tool_calls_delivered_four_times_at_once_runs_the_tool_once_and_answers_all_alike() {
        var call = call();
        var answers = vapi.sendConcurrently(call.toolCalls(8, "call_par", "book_appointment", booking()), 4);

        assertThat(answers).extracting(VapiMessageSender.Answer::status).containsExactly(200, 200, 200, 200);
        assertThat(answers).extracting(VapiMessageSender.Answer::body).as("every delivery gets the winner's results").containsOnly(answers.get(0).body());
        var results = answers.get(0).json().path("results");
        assertThat(results.size()).as(answers.get(0).body()).isEqualTo(1);
        assertThat(results.get(0).path("toolCallId").asText()).isEqualTo("call_par");
        assertThat(results.get(0).path("name").asText()).isEqualTo("book_appointment");
        assertThat(results.get(0).path("result").asText()).as(answers.get(0).body()).startsWith("Booked: ");
        var listed = calls();
        assertThat(listed).hasSize(1);
        var detail = owner.get("/api/v1/calls/" + listed.get(0).get("id")).json();
        assertThat(timelineTypes(detail).stream().filter(t -> t.equals("tool.called"))).hasSize(1);
        assertThat(timelineTypes(detail).stream().filter(t -> t.equals("vapi.tool-calls"))).hasSize(1);
        assertThat(timelineTypes(detail).stream().filter(t -> t.equals("vapi.duplicate"))).hasSize(3);
        assertThat(appointments.list(TenantId.parse(tenantId), Instant.now(), Instant.now().plus(30, ChronoUnit.DAYS))).hasSize(1);
    }

    @Test
    void concurrent_duplicate_status_updates_and_reports_leave_one_call_and_apply_once() {
        var call = call();
        var started = vapi.sendConcurrently(call.statusUpdate(1, "in-progress", null), 4);
        var ended = vapi.sendConcurrently(call.statusUpdate(95, "ended", "customer-ended-call"), 4);
        var reports = vapi.sendConcurrently(call.endOfCallReport(100, "customer-ended-call", 1, 91, "0.1432", "Booked.", TURNS), 4);

        for (var answers : List.of(started, ended, reports)) {
            assertThat(answers).extracting(VapiMessageSender.Answer::status).containsExactly(200, 200, 200, 200);
            assertThat(answers).extracting(VapiMessageSender.Answer::body).containsOnly("{}");
        }
        var listed = calls();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).containsEntry("status", "completed").containsEntry("durationSeconds", 90)
                .containsEntry("answeredAt", start.plusSeconds(1).toString()).containsEntry("endedAt", start.plusSeconds(91).toString());
        assertThat(listed.get(0).get("cost").toString()).isEqualTo("0.1432");
        var detail = owner.get("/api/v1/calls/" + listed.get(0).get("id")).json();
        var types = timelineTypes(detail);
        assertThat(types.stream().filter(t -> t.equals("vapi.status-update"))).hasSize(2);
        assertThat(types.stream().filter(t -> t.equals("vapi.end-of-call-report"))).hasSize(1);
        assertThat(types.stream().filter(t -> t.equals("vapi.cost"))).hasSize(1);
        assertThat(types.stream().filter(t -> t.equals("vapi.duplicate"))).hasSize(9);
        assertThat(transcript(detail)).containsExactly("agent: Bonjour !", "caller: Je voudrais une coupe mardi à dix heures.",
                "agent: C'est réservé pour mardi à 10 h.", "caller: Merci, au revoir.");
    }

    @Test
    void a_tool_call_with_unreadable_arguments_gets_an_error_item_and_the_others_still_run() {
        var call = call();
        var answer = vapi.send(call.toolCalls(8, List.of(
                new VapiMessageSender.ToolCallItem("call_bad", "book_appointment", "{\"date\": \"2026-03-03\", \"time\":"),
                new VapiMessageSender.ToolCallItem("call_good", "book_appointment", booking()))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var results = answer.json().path("results");
        assertThat(results.size()).as(answer.body()).isEqualTo(2);
        var bad = results.get(0);
        assertThat(bad.path("toolCallId").asText()).isEqualTo("call_bad");
        assertThat(bad.path("name").asText()).isEqualTo("book_appointment");
        assertThat(bad.has("result")).as(answer.body()).isFalse();
        assertThat(bad.path("error").asText()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
        var good = results.get(1);
        assertThat(good.path("toolCallId").asText()).isEqualTo("call_good");
        assertThat(good.has("error")).as(answer.body()).isFalse();
        assertThat(good.path("result").asText()).as(answer.body()).startsWith("Booked: ");
        assertThat(appointments.list(TenantId.parse(tenantId), Instant.now(), Instant.now().plus(30, ChronoUnit.DAYS))).hasSize(1);
    }

    @Test
    void wrong_or_missing_secrets_are_refused_and_nothing_is_stored() {
        var call = call();
        for (var sender : List.of(vapi.withSecret("wrong", SecretStyle.X_VAPI_SECRET), vapi.withSecret(null, SecretStyle.NONE),
                vapi.withSecret("wrong", SecretStyle.BEARER),
                vapi.to(server.getURI().resolve("/webhooks/vapi")).withSecret("wrong", SecretStyle.X_VAPI_SECRET),
                vapi.to(server.getURI().resolve("/webhooks/vapi/" + TenantId.random())),
                vapi.to(server.getURI().resolve("/webhooks/vapi/not-a-tenant")))) {
            var answer = sender.send(call.statusUpdate(1, "in-progress", null));
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(vapi.withSecret("wrong", SecretStyle.X_VAPI_SECRET).sendRaw("{not json").status()).isEqualTo(401);
        assertThat(calls()).isEmpty();

        assertThat(vapi.withSecret(SECRET, SecretStyle.BEARER).send(call.statusUpdate(1, "in-progress", null)).status()).isEqualTo(200);
        var bare = vapi.to(server.getURI().resolve("/webhooks/vapi"));
        assertThat(bare.send(call.statusUpdate(2, "forwarding", null)).status()).isEqualTo(200);
        assertThat(calls()).hasSize(1);
    }

    @Test
    void malformed_bodies_are_400_and_unknown_types_are_recorded() {
        for (var body : List.of("{not json", "", "[]", "{\"nomessage\":{}}", "{\"message\":{\"timestamp\":1}}")) {
            var answer = vapi.sendRaw(body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        var call = call();
        var unknown = vapi.send(call.other(3, "model-output-v9"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().toString()).isEqualTo("{}");
        var detail = owner.get("/api/v1/calls/" + calls().get(0).get("id")).json();
        assertThat(timelineTypes(detail)).contains("vapi.model-output-v9");
    }

    @Test
    void assistant_request_answers_with_the_assistant_of_the_called_number() {
        var call = call();
        var transient_ = vapi.send(call.assistantRequest(0));
        assertThat(transient_.status()).isEqualTo(200);
        var assistant = transient_.json().path("assistant");
        assertThat(assistant.path("name").asText()).isEqualTo("Reception");
        assertThat(assistant.path("model").path("messages").get(0).path("content").asText()).isEqualTo("You answer the phone for a hair salon.");
        assertThat(assistant.path("server").path("url").asText()).endsWith("/webhooks/vapi/" + tenantId);

        var unknownNumber = VapiMessageSender.call(Fixtures.randomE164(), "+33612345678", null, Map.of(), start);
        var refused = vapi.send(unknownNumber.assistantRequest(0));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("error").asText()).isNotBlank();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> calls() {
        return (List<Map<String, Object>>) owner.get("/api/v1/calls").json().get("items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> timeline(Map<String, Object> detail) {
        return (List<Map<String, Object>>) detail.get("timeline");
    }

    private static List<String> timelineTypes(Map<String, Object> detail) {
        return timeline(detail).stream().map(e -> (String) e.get("type")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> transcript(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("transcript")).stream().map(m -> m.get("speaker") + ": " + m.get("text")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

}
