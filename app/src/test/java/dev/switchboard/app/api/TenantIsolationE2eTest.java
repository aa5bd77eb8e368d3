package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.sms.Sms;
import dev.switchboard.domain.sms.SmsRepository;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import dev.switchboard.domain.recording.RecordingStore;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two tenants: nothing of one is visible, changeable or deletable by the other. The matrix names
 * every tenant-owned endpoint taking an id (path, query or body); each gets the other tenant's id
 * and must answer 404 problem+json, and afterwards every row of the owner reads exactly as before.
 * A new endpoint taking an id belongs in {@link #foreignIdRequests()}.
 */
@MicronautTest
class TenantIsolationE2eTest {
    private static final String APPOINTMENT_DAY = "2030-03-05";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    CallRepository calls;

    @Inject
    AppointmentRepository appointments;

    @Inject
    SmsRepository messages;

    @Inject
    Router router;

    @Inject
    RecordingStore recordings;

    /** Routes whose path variable names the caller's own thing, never another tenant's (PUT sets the caller's own connection). */
    private static final Set<String> OWN_ONLY = Set.of("PUT /api/v1/connections/{provider}");

    private Api alice;
    private Api mallory;
    private TenantId aliceTenant;
    private String assistant;
    private String number;
    private String call;
    private String document;
    private String message;
    private Appointment appointment;

    /** One request, as the other tenant sends it. */
    record Probe(String method, String path, Object body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void two_tenants() {
        var anonymous = new Api(server, json);
        alice = anonymous.newTenant("Alice's salon");
        mallory = anonymous.newTenant("Mallory's shop");
        aliceTenant = TenantId.parse((String) alice.get("/api/v1/tenant").json().get("id"));
        assistant = created(alice.post("/api/v1/assistants", Bodies.assistant("Reception")));
        number = created(alice.post("/api/v1/phone-numbers", Bodies.number(Fixtures.randomE164(), assistant)));
        document = created(alice.post("/api/v1/knowledge", Map.of("title", "Opening hours",
                "content", "Alice's salon opens at nine on weekdays.", "language", "en")));
        assertThat(alice.put("/api/v1/connections/twilio", Map.of("accountSid", "AC123", "authToken", "secret-token")).status()).isEqualTo(200);
        var stored = Fixtures.call(aliceTenant, Instant.parse("2026-03-02T09:00:00Z"));
        calls.add(stored);
        call = stored.id().toString();
        // Alice's call has a recording, so a 404 for Mallory means "not yours", not "none".
        var recording = recordings.open(aliceTenant, stored.id());
        recording.callerAudio(0, new byte[160]);
        recording.finish().toCompletableFuture().join();
        appointment = Fixtures.appointment(aliceTenant, Instant.parse(APPOINTMENT_DAY + "T10:00:00Z"), Duration.ofMinutes(30));
        appointments.add(appointment);
        var text = Sms.received(aliceTenant, "+14155550123", "+14155550100", "Is my order ready?", PhoneNumberId.parse(number),
                "SM" + java.util.UUID.randomUUID().toString().replace("-", ""), Instant.parse("2026-03-02T09:05:00Z"));
        messages.add(text);
        message = text.id().toString();
    }

    private static String created(Api.Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return (String) answer.json().get("id");
    }

    /** Every endpoint that takes the id of a tenant-owned thing, given Alice's ids. */
    private List<Probe> foreignIdRequests() {
        var appointmentId = appointment.id().toString();
        return List.of(
                new Probe("GET", "/api/v1/assistants/" + assistant, null),
                new Probe("PUT", "/api/v1/assistants/" + assistant, Bodies.assistant("Hijacked")),
                new Probe("DELETE", "/api/v1/assistants/" + assistant, null),
                new Probe("GET", "/api/v1/phone-numbers/" + number, null),
                new Probe("PUT", "/api/v1/phone-numbers/" + number, Map.of("label", "mine now")),
                new Probe("DELETE", "/api/v1/phone-numbers/" + number, null),
                new Probe("POST", "/api/v1/phone-numbers/" + number + "/configure", null),
                new Probe("GET", "/api/v1/connections/twilio", null),
                new Probe("DELETE", "/api/v1/connections/twilio", null),
                new Probe("GET", "/api/v1/calls/" + call, null),
                new Probe("GET", "/api/v1/messages/" + message, null),
                new Probe("POST", "/api/v1/messages", Map.of("to", "+14155550123", "phoneNumberId", number, "body", "Hijacked")),
                new Probe("GET", "/api/v1/calls/" + call + "/recording", null),
                new Probe("GET", "/api/v1/calls/" + call + "/diagnosis", null),
                new Probe("POST", "/api/v1/calls/" + call + "/cancel", null),
                new Probe("POST", "/api/v1/calls", Map.of("to", "+33612345678", "phoneNumberId", number)),
                new Probe("POST", "/api/v1/calls", Map.of("to", "+33612345678", "phoneNumberId", number, "assistantId", assistant)),
                new Probe("GET", "/api/v1/knowledge/" + document, null),
                new Probe("PUT", "/api/v1/knowledge/" + document, Map.of("title", "Hijacked", "content", "Closed for good.", "language", "en")),
                new Probe("DELETE", "/api/v1/knowledge/" + document, null),
                new Probe("POST", "/api/v1/appointments/" + appointmentId + "/cancel", null),
                new Probe("POST", "/api/v1/studio/sync-vapi", Map.of("assistantId", assistant)),
                new Probe("POST", "/api/v1/studio/sync-vapi?assistantId=" + assistant, null),
                new Probe("GET", "/api/v1/studio/sync-vapi/status?assistantId=" + assistant, null),
                // Linking needs a configured identity provider: ExternalIdentityProviderE2eTest covers it with one.
                new Probe("DELETE", "/api/v1/external-identities/alice-subject", null));
    }

    /** Everything Alice owns, as she reads it. */
    private Map<String, String> alicesRows() {
        var rows = new LinkedHashMap<String, String>();
        for (var path : List.of("/api/v1/assistants/" + assistant, "/api/v1/phone-numbers/" + number, "/api/v1/connections/twilio",
                "/api/v1/calls/" + call, "/api/v1/calls/" + call + "/recording", "/api/v1/messages/" + message, "/api/v1/messages",
                "/api/v1/knowledge/" + document, "/api/v1/knowledge",
                "/api/v1/appointments?from=" + APPOINTMENT_DAY + "&to=" + APPOINTMENT_DAY, "/api/v1/tenant")) {
            var answer = alice.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            rows.put(path, answer.raw());
        }
        rows.put("appointment row", String.valueOf(appointments.findById(aliceTenant, appointment.id()).orElseThrow()));
        rows.put("call row", String.valueOf(calls.findById(aliceTenant, CallId.parse(call)).orElseThrow()));
        return rows;
    }

    @Test
    void every_endpoint_given_the_other_tenants_id_is_404_and_changes_nothing() {
        var before = alicesRows();

        var wrong = new ArrayList<String>();
        for (var probe : foreignIdRequests()) {
            var answer = mallory.send(probe.method(), probe.path(), probe.body());
            if (answer.status() != 404 || !answer.contentType().startsWith("application/problem+json"))
                wrong.add(probe + " → " + answer.status() + " " + answer.contentType() + " " + answer.raw());
        }

        assertThat(wrong).as("requests with the other tenant's ids that were not a 404 problem").isEmpty();
        assertThat(alicesRows()).isEqualTo(before);
        assertThat(appointments.findById(aliceTenant, appointment.id()).orElseThrow().status()).isEqualTo(Appointment.Status.BOOKED);
    }

    @Test
    void the_matrix_names_every_api_route_that_takes_an_id_in_its_path() {
        var probes = foreignIdRequests();
        var missing = router.uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(route -> route.getUriMatchTemplate().toString().contains("/{"))
                .filter(route -> !OWN_ONLY.contains(route.getHttpMethodName() + " " + route.getUriMatchTemplate()))
                // Micronaut answers HEAD with the GET route: the GET probe covers it.
                .filter(route -> probes.stream().noneMatch(probe -> probe.method().equals(route.getHttpMethodName().replace("HEAD", "GET"))
                        && route.match(probe.path().replaceFirst("\\?.*", "")).isPresent()))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate())
                .toList();

        assertThat(missing).as("routes taking an id that foreignIdRequests() does not try with the other tenant's id").isEmpty();
    }

    @Test
    void an_unknown_id_and_the_other_tenants_id_get_the_same_answer() {
        // Same status and same problem type: the answer must not tell "exists elsewhere" from "does not exist".
        var foreign = mallory.get("/api/v1/assistants/" + assistant);
        var unknown = mallory.get("/api/v1/assistants/" + java.util.UUID.randomUUID());
        assertThat(foreign.status()).isEqualTo(unknown.status()).isEqualTo(404);
        assertThat(foreign.json().get("type")).isEqualTo(unknown.json().get("type"));
        assertThat(foreign.json().get("title")).isEqualTo(unknown.json().get("title"));
    }

    @Test
    void lists_searches_and_filters_never_show_the_other_tenants_rows() {
        assertThat(mallory.get("/api/v1/assistants").list()).isEmpty();
        assertThat(mallory.get("/api/v1/phone-numbers").list()).isEmpty();
        assertThat(mallory.get("/api/v1/connections").list()).isEmpty();
        assertThat(mallory.get("/api/v1/knowledge").list()).isEmpty();
        assertThat(mallory.get("/api/v1/knowledge/search?q=salon%20opens").list()).isEmpty();
        assertThat(mallory.get("/api/v1/appointments?from=" + APPOINTMENT_DAY + "&to=" + APPOINTMENT_DAY).list()).isEmpty();
        assertThat(mallory.get("/api/v1/calls").json()).containsEntry("items", List.of()).containsEntry("total", 0);
        assertThat(mallory.get("/api/v1/calls?phoneNumberId=" + number).json()).containsEntry("items", List.of()).containsEntry("total", 0);
        var sid = calls.findById(aliceTenant, CallId.parse(call)).orElseThrow().providerCallId();
        assertThat(mallory.get("/api/v1/calls?providerCallId=" + sid).json()).containsEntry("items", List.of()).containsEntry("total", 0);
        assertThat(alice.get("/api/v1/calls/" + call + "/diagnosis").status()).isEqualTo(200);
        assertThat(mallory.get("/api/v1/calls?verdict=" + alice.get("/api/v1/calls/" + call + "/diagnosis").json().get("verdict")).json())
                .containsEntry("items", List.of()).containsEntry("total", 0);
        assertThat(mallory.get("/api/v1/calls/stats").json()).containsEntry("total", 0);
        assertThat(mallory.get("/api/v1/messages").json()).containsEntry("items", List.of()).containsEntry("total", 0);
        assertThat(mallory.get("/api/v1/messages?number=%2B14155550123").json()).containsEntry("total", 0);
        assertThat(mallory.get("/api/v1/studio/sync-vapi/status").json().toString()).doesNotContain(assistant);
        assertThat(mallory.get("/api/v1/availability").status()).isEqualTo(404);
    }

    @Test
    void the_other_tenants_assistant_cannot_be_attached_to_a_number() {
        var answer = mallory.post("/api/v1/phone-numbers", Bodies.number(Fixtures.randomE164(), assistant));
        assertThat(AssistantApiE2eTest.fields(answer)).containsExactly("assistantId");
        assertThat(mallory.get("/api/v1/phone-numbers").list()).isEmpty();

        var own = created(mallory.post("/api/v1/phone-numbers", Bodies.number(Fixtures.randomE164(), null)));
        var moved = mallory.put("/api/v1/phone-numbers/" + own, Map.of("assistantId", assistant));
        assertThat(AssistantApiE2eTest.fields(moved)).containsExactly("assistantId");
        assertThat(mallory.get("/api/v1/phone-numbers/" + own).json().get("assistantId")).isNull();
    }
}
