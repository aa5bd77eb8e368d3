package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.vapi.FakeVapi;
import dev.switchboard.testkit.vapi.FakeVapi.Endpoint;
import dev.switchboard.testkit.vapi.FakeVapi.Failure;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix for studio sync: every endpoint the sync calls answers 429, 5xx or nothing in
 * time, including a timeout after Vapi applied the change (the answer is lost, the change is not).
 * Each time the sync answers non-2xx with the failing step and its category in the report and the
 * stored state says failed; once Vapi heals, one more sync converges: exactly one Vapi assistant
 * for ours, our number imported once and pointing at it, and the live check in sync.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VapiSyncFaultMatrixE2eTest implements TestPropertyProvider {
    private static final String VAPI_KEY = StudioSyncE2eTest.VAPI_KEY;
    private static final Set<Endpoint> MUTATING = Set.of(Endpoint.CREATE_ASSISTANT, Endpoint.UPDATE_ASSISTANT,
            Endpoint.CREATE_PHONE_NUMBER, Endpoint.UPDATE_PHONE_NUMBER);

    private final FakeVapi vapi = FakeVapi.start(VAPI_KEY);

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.vapi.base-url", vapi.baseUrl(), "switchboard.vapi.timeout", "2s",
                "switchboard.public-url", "https://switchboard.example.com");
    }

    @BeforeEach
    void a_connected_tenant() {
        vapi.reset();
        vapi.acceptTwilio(StudioSyncE2eTest.TWILIO_SID, StudioSyncE2eTest.TWILIO_TOKEN);
        owner = new Api(server, json).newTenant("Salon Lumière");
        StudioSyncE2eTest.connect(owner);
    }

    @AfterAll
    void stop() {
        vapi.close();
    }

    /** Which step of the report each endpoint's failure shows up in. */
    private static String step(Endpoint endpoint) {
        return switch (endpoint) {
            case CREATE_ASSISTANT, UPDATE_ASSISTANT, LIST_ASSISTANTS -> "assistant";
            case GET_ASSISTANT, GET_PHONE_NUMBER -> "read-back";
            default -> "number";
        };
    }

    static Stream<Arguments> matrix() {
        var endpoints = List.of(Endpoint.LIST_ASSISTANTS, Endpoint.CREATE_ASSISTANT, Endpoint.UPDATE_ASSISTANT, Endpoint.GET_ASSISTANT,
                Endpoint.LIST_PHONE_NUMBERS, Endpoint.CREATE_PHONE_NUMBER, Endpoint.UPDATE_PHONE_NUMBER);
        return endpoints.stream().flatMap(endpoint -> {
            var faults = new java.util.ArrayList<Arguments>(List.of(
                    Arguments.of(endpoint, "429", Failure.status(429, "Too Many Requests"), 429, "rate_limited"),
                    Arguments.of(endpoint, "500", Failure.status(500, "Internal server error"), 502, "unavailable"),
                    Arguments.of(endpoint, "503", Failure.status(503, "maintenance"), 502, "unavailable"),
                    Arguments.of(endpoint, "timeout", Failure.timeout(Duration.ofSeconds(4)), 504, "timeout")));
            if (MUTATING.contains(endpoint))
                faults.add(Arguments.of(endpoint, "timeout after applying", Failure.timeoutAfterApplying(Duration.ofSeconds(4)), 504, "timeout"));
            return faults.stream();
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void a_fault_at_any_step_is_reported_and_the_next_sync_converges(Endpoint endpoint, String what, Failure failure, int status,
                                                                    String category) {
        var assistant = StudioSyncE2eTest.vapiAssistant(owner, "Reception");
        var e164 = Fixtures.randomE164();
        StudioSyncE2eTest.number(owner, e164, assistant);
        if (endpoint == Endpoint.UPDATE_ASSISTANT) {
            assertThat(sync(assistant).status()).isEqualTo(200);
            var changed = new HashMap<>(Bodies.assistant("Reception"));
            changed.put("runtime", "vapi");
            changed.put("firstMessage", "Bonsoir !");
            assertThat(owner.put("/api/v1/assistants/" + assistant, changed).status()).isEqualTo(200);
        }
        if (endpoint == Endpoint.UPDATE_PHONE_NUMBER) vapi.addNumber(e164, null);
        vapi.fail(endpoint, failure);

        var failed = sync(assistant);

        assertThat(failed.status()).as(failed.raw()).isEqualTo(status);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(StudioSyncE2eTest.map(failed.json().get("step"))).containsEntry("step", step(endpoint)).containsEntry("failure", category);
        assertThat(StudioSyncE2eTest.map(failed.json().get("report"))).containsEntry("status", "failed");
        var stored = StudioSyncE2eTest.map(StudioSyncE2eTest.onlyCheck(status(assistant)).get("stored"));
        assertThat(stored).containsEntry("status", "failed");

        vapi.clearFailures();
        var healed = sync(assistant);

        assertThat(healed.status()).as(healed.raw()).isEqualTo(200);
        var ours = vapi.assistants().stream().filter(a -> a.path("metadata").path("switchboardAssistantId").asText().equals(assistant)).toList();
        assertThat(ours).as("one Vapi assistant for ours, whatever was lost on the way").hasSize(1);
        var imported = vapi.phoneNumbers().stream().filter(n -> n.path("number").asText().equals(e164)).toList();
        assertThat(imported).as("our number, imported once").hasSize(1);
        assertThat(imported.get(0).path("assistantId").asText()).isEqualTo(ours.get(0).path("id").asText());
        assertThat(StudioSyncE2eTest.onlyCheck(status(assistant))).containsEntry("live", "in_sync");
    }

    private Api.Answer sync(String assistant) {
        return owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));
    }

    private Map<String, Object> status(String assistant) {
        return owner.get("/api/v1/studio/sync-vapi/status?assistantId=" + assistant).json();
    }
}
