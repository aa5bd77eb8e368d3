package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.Api;
import dev.switchboard.app.CallVerdicts;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.vapi.FakeVapi;
import dev.switchboard.testkit.vapi.FakeVapi.Endpoint;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The end of a Vapi call is diagnosed by asking Vapi's API whether the assistant drifted. Vapi waits
 * for our webhook's answer meanwhile, so that question must not sit on the webhook's request: here
 * Vapi's API holds the question unanswered (no timeout would end it: {@code switchboard.vapi.timeout}
 * is ten minutes) and every webhook message is still answered; once released, the verdict arrives.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VapiWebhookSlowVapiE2eTest implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeVapi vapi = FakeVapi.start(StudioSyncE2eTest.VAPI_KEY);

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;
    private String tenantId;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.vapi.base-url", vapi.baseUrl(), "switchboard.vapi.timeout", "10m",
                "switchboard.public-url", "https://switchboard.example.com");
    }

    @BeforeEach
    void a_connected_tenant() {
        vapi.reset();
        vapi.acceptTwilio(StudioSyncE2eTest.TWILIO_SID, StudioSyncE2eTest.TWILIO_TOKEN);
        owner = new Api(server, json).newTenant("Salon Lumière");
        tenantId = (String) owner.get("/api/v1/tenant").json().get("id");
        StudioSyncE2eTest.connect(owner);
    }

    @AfterAll
    void stop() {
        vapi.close();
    }

    @Test
    void the_webhook_answers_vapi_while_vapis_api_holds_the_drift_check_and_the_verdict_follows() {
        var assistant = StudioSyncE2eTest.vapiAssistant(owner, "Reception");
        var e164 = Fixtures.randomE164();
        StudioSyncE2eTest.number(owner, e164, assistant);
        var synced = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistant));
        var vapiId = (String) StudioSyncE2eTest.only(synced.json()).get("vapiAssistantId");
        vapi.editFromDashboard(vapiId, a -> ((ObjectNode) a.path("model")).put("temperature", 1.4));
        var metadata = vapi.assistant(vapiId).path("metadata");
        var sender = new VapiMessageSender(server.getURI().resolve("/webhooks/vapi/" + tenantId), StudioSyncE2eTest.WEBHOOK_SECRET);
        var call = VapiMessageSender.call(e164, "+33612345678", vapiId,
                Map.of("switchboardTenantId", metadata.path("switchboardTenantId").asText(),
                        "switchboardAssistantId", metadata.path("switchboardAssistantId").asText()),
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS));

        String callId;
        try (var hold = vapi.hold(Endpoint.GET_ASSISTANT)) {
            for (var message : List.of(call.statusUpdate(0, "ringing", null), call.statusUpdate(1, "in-progress", null),
                    call.statusUpdate(30, "ended", "customer-ended-call"),
                    call.endOfCallReport(31, "customer-ended-call", 1, 30, "0.05", "The caller asked for the opening hours.", List.<String[]>of())))
                assertThat(sender.send(message).status()).isEqualTo(200);

            // Every message was answered, and the drift check they started is still waiting on Vapi.
            await().atMost(WAIT).until(() -> hold.waiting() > 0);
            assertThat(hold.isReleased()).isFalse();
            @SuppressWarnings("unchecked")
            var items = (List<Map<String, Object>>) owner.get("/api/v1/calls?providerCallId=" + call.id()).json().get("items");
            assertThat(items).extracting(c -> c.get("status")).containsExactly("completed");
            callId = (String) items.get(0).get("id");
        }

        CallVerdicts.listedUnder(owner, callId, "vapi_sync_drifted");
    }
}
