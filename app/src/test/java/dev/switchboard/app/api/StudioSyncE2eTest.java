package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.Api;
import dev.switchboard.app.CallVerdicts;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.vapi.FakeVapi;
import dev.switchboard.testkit.vapi.FakeVapi.Endpoint;
import dev.switchboard.testkit.vapi.FakeVapi.Failure;
import dev.switchboard.testkit.vapi.VapiMessageSender;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Studio → Vapi sync against the testkit's fake Vapi: only what Vapi confirmed is reported as synced. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudioSyncE2eTest implements TestPropertyProvider {
    static final String VAPI_KEY = "vapi-private-key-1";
    static final String WEBHOOK_SECRET = "whsec-salon-42";
    static final String TWILIO_SID = "AC11112222333344445555666677778888";
    static final String TWILIO_TOKEN = "twilio-token-1";

    private final FakeVapi vapi = FakeVapi.start(VAPI_KEY);

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;
    private String tenantId;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.vapi.base-url", vapi.baseUrl(), "switchboard.vapi.timeout", "1s",
                "switchboard.public-url", "https://switchboard.example.com");
    }

    @BeforeEach
    void a_connected_tenant() {
        vapi.reset();
        vapi.acceptTwilio(TWILIO_SID, TWILIO_TOKEN);
        owner = new Api(server, json).newTenant("Salon Lumière");
        tenantId = (String) owner.get("/api/v1/tenant").json().get("id");
        connect(owner);
    }

    static void connect(Api api) {
        assertThat(api.put("/api/v1/connections/vapi", Map.of("apiKey", VAPI_KEY, "webhookSecret", WEBHOOK_SECRET)).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/connections/twilio", Map.of("accountSid", TWILIO_SID, "authToken", TWILIO_TOKEN)).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        vapi.close();
    }

    static String vapiAssistant(Api api, String name) {
        var body = new java.util.HashMap<>(Bodies.assistant(name));
        body.put("runtime", "vapi");
        var created = api.post("/api/v1/assistants", body);
        assertThat(created.status()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    static String number(Api api, String e164, String assistantId) {
        var created = api.post("/api/v1/phone-numbers", Bodies.number(e164, assistantId));
        assertThat(created.status()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    @Test
    void creates_then_updates_then_recreates_after_a_remote_delete_assigning_numbers_and_reading_back() {
        var assistant = vapiAssistant(owner, "Reception");
        var e164 = Fixtures.randomE164();
        number(owner, e164, assistant);

        var first = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        var report = only(first.json());
        var vapiId = (String) report.get("vapiAssistantId");
        assertThat(report).containsEntry("status", "synced").containsEntry("assistantId", assistant);
        assertThat(actions(report)).containsExactly("assistant " + vapiId + " created", "number " + e164 + " created",
                "read-back " + vapiId + " verified", "read-back " + e164 + " verified");

        var held = vapi.assistant(vapiId);
        assertThat(held.path("name").asText()).isEqualTo("Reception");
        assertThat(held.path("firstMessage").asText()).isEqualTo("Bonjour !");
        assertThat(held.path("model").path("provider").asText()).isEqualTo("anthropic");
        assertThat(held.path("model").path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(held.path("model").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(held.path("model").path("maxTokens").asInt()).isEqualTo(300);
        assertThat(held.path("model").path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(held.path("model").path("messages").get(0).path("content").asText()).isEqualTo("You answer the phone for a hair salon.");
        assertThat(held.path("voice").path("provider").asText()).isEqualTo("11labs");
        assertThat(held.path("voice").path("speed").asDouble()).isEqualTo(1.1);
        assertThat(held.path("transcriber").path("language").asText()).isEqualTo("fr");
        assertThat(held.path("server").path("url").asText()).isEqualTo("https://switchboard.example.com/webhooks/vapi/" + tenantId);
        assertThat(held.path("server").path("headers").path("X-Vapi-Secret").asText()).isEqualTo(WEBHOOK_SECRET);
        assertThat(held.path("serverMessages").toString()).contains("end-of-call-report", "status-update", "tool-calls");
        assertThat(held.path("metadata").path("switchboardAssistantId").asText()).isEqualTo(assistant);
        assertThat(held.path("metadata").path("switchboardTenantId").asText()).isEqualTo(tenantId);
        var imported = vapi.phoneNumbers().stream().filter(n -> n.path("number").asText().equals(e164)).findFirst().orElseThrow();
        assertThat(imported.path("assistantId").asText()).isEqualTo(vapiId);
        assertThat(imported.path("twilioAccountSid").asText()).isEqualTo(TWILIO_SID);

        var again = owner.post("/api/v1/studio/sync-vapi", null);
        assertThat(actions(only(again.json()))).containsExactly("assistant " + vapiId + " unchanged", "number " + e164 + " unchanged",
                "read-back " + vapiId + " verified", "read-back " + e164 + " verified");

        var changed = new java.util.HashMap<>(Bodies.assistant("Reception"));
        changed.put("runtime", "vapi");
        changed.put("firstMessage", "Salon Lumière, bonjour !");
        assertThat(owner.put("/api/v1/assistants/" + assistant, changed).status()).isEqualTo(200);
        var updated = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(actions(only(updated.json()))).first().isEqualTo("assistant " + vapiId + " updated");
        assertThat(vapi.assistant(vapiId).path("firstMessage").asText()).isEqualTo("Salon Lumière, bonjour !");

        vapi.deleteFromDashboard(vapiId);
        var recreated = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));
        assertThat(recreated.status()).as(recreated.raw()).isEqualTo(200);
        var newId = (String) only(recreated.json()).get("vapiAssistantId");
        assertThat(newId).isNotEqualTo(vapiId);
        assertThat(actions(only(recreated.json()))).containsExactly("assistant " + newId + " created", "number " + e164 + " updated",
                "read-back " + newId + " verified", "read-back " + e164 + " verified");
        assertThat(vapi.phoneNumbers().stream().filter(n -> n.path("number").asText().equals(e164)).findFirst().orElseThrow()
                .path("assistantId").asText()).isEqualTo(newId);

        var status = onlyCheck(owner.get("/api/v1/studio/sync-vapi/status").json());
        assertThat(status).containsEntry("live", "in_sync").containsEntry("changedSinceSync", false);
        assertThat(map(status.get("stored"))).containsEntry("status", "synced").containsEntry("vapiAssistantId", newId);
    }

    @Test
    void drift_is_detected_after_someone_edits_the_assistant_in_vapis_dashboard() {
        var assistant = vapiAssistant(owner, "Reception");
        var synced = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));
        var vapiId = (String) only(synced.json()).get("vapiAssistantId");
        assertThat(onlyCheck(owner.get("/api/v1/studio/sync-vapi/status?assistantId=" + assistant).json())).containsEntry("live", "in_sync");

        vapi.editFromDashboard(vapiId, a -> ((ObjectNode) a.path("model")).put("temperature", 1.4));
        var drifted = onlyCheck(owner.get("/api/v1/studio/sync-vapi/status?assistantId=" + assistant).json());
        assertThat(drifted).containsEntry("live", "drifted").containsEntry("changedSinceSync", false);
        assertThat(drifted.get("differences")).isEqualTo(List.of(Map.of("field", "model.temperature", "expected", "0.2", "actual", "1.4")));
        assertThat(map(drifted.get("stored"))).containsEntry("status", "drifted");

        var healed = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));
        assertThat(healed.status()).isEqualTo(200);
        assertThat(actions(only(healed.json()))).first().isEqualTo("assistant " + vapiId + " updated");
        assertThat(onlyCheck(owner.get("/api/v1/studio/sync-vapi/status").json())).containsEntry("live", "in_sync");

        vapi.deleteFromDashboard(vapiId);
        assertThat(onlyCheck(owner.get("/api/v1/studio/sync-vapi/status").json())).containsEntry("live", "deleted_in_vapi");
    }

    @Test
    void a_vapi_call_after_a_sync_vapi_refused_is_listed_and_diagnosed_as_vapi_sync_failed() {
        var assistant = vapiAssistant(owner, "Reception");
        var e164 = Fixtures.randomE164();
        number(owner, e164, assistant);
        var vapiId = (String) only(owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant)).json()).get("vapiAssistantId");
        var changed = new java.util.HashMap<>(Bodies.assistant("Reception"));
        changed.put("runtime", "vapi");
        changed.put("firstMessage", "Salon Lumière, bonjour !");
        assertThat(owner.put("/api/v1/assistants/" + assistant, changed).status()).isEqualTo(200);
        vapi.fail(Endpoint.UPDATE_ASSISTANT, Failure.status(500, "Internal server error"));
        assertThat(owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant)).status()).isEqualTo(502);
        vapi.clearFailures();

        // Vapi still answers with the configuration it held before: the old greeting.
        var callId = callThroughVapi(e164, vapiId);

        CallVerdicts.listedUnder(owner, callId, "vapi_sync_failed");
        var diagnosis = CallVerdicts.diagnosis(owner, callId);
        assertThat(diagnosis).containsEntry("verdict", "vapi_sync_failed").containsEntry("stage", "vapi sync").containsEntry("problem", true);
        assertThat((String) diagnosis.get("detail")).contains(": assistant");
    }

    @Test
    void a_vapi_call_after_someone_edited_the_assistant_in_vapis_dashboard_is_listed_and_diagnosed_as_vapi_sync_drifted() {
        var assistant = vapiAssistant(owner, "Reception");
        var e164 = Fixtures.randomE164();
        number(owner, e164, assistant);
        var vapiId = (String) only(owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant)).json()).get("vapiAssistantId");
        vapi.editFromDashboard(vapiId, a -> ((ObjectNode) a.path("model")).put("temperature", 1.4));

        // Nobody looked at the sync status since the edit: the call's end is the first time anyone asks Vapi.
        var callId = callThroughVapi(e164, vapiId);

        CallVerdicts.listedUnder(owner, callId, "vapi_sync_drifted");
        var diagnosis = CallVerdicts.diagnosis(owner, callId);
        assertThat(diagnosis).containsEntry("verdict", "vapi_sync_drifted").containsEntry("stage", "vapi sync").containsEntry("problem", true);
        assertThat((String) diagnosis.get("detail")).endsWith("changed in Vapi since the last sync: model.temperature");
    }

    /**
     * A whole inbound call Vapi carries on {@code e164} with assistant {@code vapiId} as Vapi holds
     * it (its metadata names our tenant and assistant), posted as Vapi's signed server messages.
     *
     * @return our id of the call
     */
    private String callThroughVapi(String e164, String vapiId) {
        var held = vapi.assistant(vapiId).path("metadata");
        var metadata = Map.of("switchboardTenantId", held.path("switchboardTenantId").asText(),
                "switchboardAssistantId", held.path("switchboardAssistantId").asText());
        var sender = new VapiMessageSender(server.getURI().resolve("/webhooks/vapi/" + tenantId), WEBHOOK_SECRET);
        var call = VapiMessageSender.call(e164, "+33612345678", vapiId, metadata, Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
        for (var message : List.of(call.statusUpdate(0, "ringing", null), call.statusUpdate(1, "in-progress", null),
                call.statusUpdate(30, "ended", "customer-ended-call"),
                call.endOfCallReport(31, "customer-ended-call", 1, 30, "0.05", "The caller asked for the opening hours.", List.<String[]>of())))
            assertThat(sender.send(message).status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Object>>) owner.get("/api/v1/calls?providerCallId=" + call.id()).json().get("items");
        assertThat(items).hasSize(1);
        return (String) items.get(0).get("id");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(Endpoint.CREATE_ASSISTANT, Failure.status(401, "Invalid Key."), 502, "assistant", "rejected_credentials"),
                Arguments.of(Endpoint.CREATE_ASSISTANT, Failure.status(422, "model.provider must be one of openai, anthropic"), 422, "assistant", "bad_request"),
                Arguments.of(Endpoint.CREATE_ASSISTANT, Failure.status(429, "Too many requests"), 429, "assistant", "rate_limited"),
                Arguments.of(Endpoint.CREATE_ASSISTANT, Failure.status(500, "Internal server error"), 502, "assistant", "unavailable"),
                Arguments.of(Endpoint.CREATE_ASSISTANT, Failure.timeout(Duration.ofSeconds(3)), 504, "assistant", "timeout"),
                Arguments.of(Endpoint.LIST_PHONE_NUMBERS, Failure.status(503, "maintenance"), 502, "number", "unavailable"),
                Arguments.of(Endpoint.CREATE_PHONE_NUMBER, Failure.status(422, "number must be a valid phone number"), 422, "number", "bad_request"),
                Arguments.of(Endpoint.UPDATE_PHONE_NUMBER, Failure.status(429, "slow down"), 429, "number", "rate_limited"),
                Arguments.of(Endpoint.GET_ASSISTANT, Failure.status(500, "boom"), 502, "read-back", "unavailable"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void vapi_failing_at_any_step_gives_a_non_2xx_honest_report_and_a_failed_state(Endpoint endpoint, Failure failure,
                                                                                  int status, String step, String category) {
        var assistant = vapiAssistant(owner, "Reception");
        var e164 = Fixtures.randomE164();
        number(owner, e164, assistant);
        if (endpoint == Endpoint.UPDATE_PHONE_NUMBER) vapi.addNumber(e164, null);
        vapi.fail(endpoint, failure);

        var answer = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json()).containsEntry("type", "https://switchboard.dev/problems/vapi-sync-failed")
                .containsEntry("status", status);
        assertThat((String) answer.json().get("detail")).startsWith("Vapi sync failed at " + step);
        assertThat(map(answer.json().get("step"))).containsEntry("step", step).containsEntry("action", "failed")
                .containsEntry("failure", category);
        var report = map(answer.json().get("report"));
        assertThat(report).containsEntry("status", "failed");
        var assistantReport = only(report);
        assertThat(assistantReport).containsEntry("status", "failed");
        assertThat(steps(assistantReport)).anyMatch(s -> s.get("action").equals("failed") && s.get("step").equals(step));
        assertThat((String) answer.raw()).doesNotContain(WEBHOOK_SECRET, TWILIO_TOKEN, VAPI_KEY);

        vapi.clearFailures();
        var stored = map(onlyCheck(owner.get("/api/v1/studio/sync-vapi/status?assistantId=" + assistant).json()).get("stored"));
        assertThat(stored).containsEntry("status", "failed");
        assertThat((String) stored.get("error")).startsWith(step);

        var retried = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(vapi.assistants().stream().filter(a -> a.path("metadata").path("switchboardAssistantId").asText().equals(assistant)))
                .as("a retry never leaves two Vapi assistants for one of ours").hasSize(1);
    }

    @Test
    void other_tenants_assistants_other_runtimes_and_missing_connections_are_refused() {
        var assistant = vapiAssistant(owner, "Reception");
        var stranger = new Api(server, json).newTenant("Other");
        connect(stranger);
        assertThat(stranger.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant)).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/studio/sync-vapi/status?assistantId=" + assistant).status()).isEqualTo(404);
        assertThat(owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", "not-a-uuid")).status()).isEqualTo(404);

        var relay = (String) owner.post("/api/v1/assistants", Bodies.assistant("Relay one")).json().get("id");
        var conflict = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", relay));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");

        var unconnected = new Api(server, json).newTenant("Unconnected");
        var own = vapiAssistant(unconnected, "Reception");
        var refused = unconnected.post("/api/v1/studio/sync-vapi", Map.of("assistantId", own));
        assertThat(refused.status()).isEqualTo(409);
        assertThat((String) refused.json().get("detail")).contains("connections/vapi");
        assertThat(owner.post("/api/v1/studio/sync-vapi", "{not json").status()).isEqualTo(400);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> only(Map<String, Object> report) {
        var assistants = (List<Map<String, Object>>) report.get("assistants");
        assertThat(assistants).hasSize(1);
        return assistants.get(0);
    }

    static Map<String, Object> onlyCheck(Map<String, Object> status) {
        return only(status);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> steps(Map<String, Object> assistant) {
        return (List<Map<String, Object>>) assistant.get("steps");
    }

    static List<String> actions(Map<String, Object> assistant) {
        return steps(assistant).stream().map(s -> s.get("step") + " " + s.get("target") + " " + s.get("action")).toList();
    }
}
