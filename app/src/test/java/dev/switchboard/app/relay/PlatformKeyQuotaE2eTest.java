package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.conversation.PlatformKeyUsage;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import dev.switchboard.testkit.llm.RecordedRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-tenant daily quota on the platform's LLM key (issue 9 §3), through whole relay calls: with
 * one platform-paid call a day, a tenant's second call is answered by the offline model and its
 * timeline says so once; a tenant with its own key is neither counted nor limited.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformKeyQuotaE2eTest implements TestPropertyProvider {
    private static final FakeAnthropicServer CLAUDE = FakeAnthropicServer.start();
    private static final String PLATFORM_KEY = "sk-ant-platform";
    private static final String TENANT_KEY = "sk-ant-tenant-own";
    private static final String QUOTA_REACHED = "platform LLM quota for today reached: answering with the offline model";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    PlatformKeyUsage usage;
    @Inject
    Clock clock;

    private RelayFixture salon;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL,
                "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "switchboard.llm.anthropic.base-url", CLAUDE.baseUrl(),
                "switchboard.llm.anthropic.api-key", PLATFORM_KEY,
                "switchboard.platform-key.daily-calls", "1",
                "switchboard.platform-key.daily-tokens", "100000");
    }

    @AfterAll
    void stop_the_fake() {
        CLAUDE.close();
    }

    @BeforeEach
    void a_salon() {
        CLAUDE.reset();
        salon = new RelayFixture(server, new Api(server, json), "anthropic", "fr-FR", List.of("transfer_to_human", "end_call"));
    }

    @Test
    void over_the_daily_calls_the_offline_model_answers_and_the_timeline_says_so_once() {
        CLAUDE.enqueueFor(salon.model, AnthropicStream.message("claude").text("Bien ", "sûr !").reply());
        var first = salon.caller().call(CallScript.builder().say("Bonjour").hangUp().build());
        var second = salon.caller().call(CallScript.builder().say("Bonjour").say("Bonjour").hangUp().build());

        assertThat(first.agentLines()).containsExactly("Bien sûr !");
        assertThat(second.agentLines()).containsExactly("Bonjour ! Comment puis-je vous aider ?", "Bonjour ! Comment puis-je vous aider ?");
        assertThat(requestsFor(salon.model)).hasSize(1);
        assertThat(notes(callDetail(first.callSid()))).isEmpty();
        assertThat(notes(callDetail(second.callSid())))
                .containsExactly(Map.of("round", 1, "kind", "platform_quota", "message", QUOTA_REACHED));
        assertThat(usage.day(tenantId(salon.owner), today()).calls()).isEqualTo(1);
        assertThat(usage.day(tenantId(salon.owner), today()).outputTokens()).isEqualTo(3); // "Bien sûr !", 10 characters
    }

    @Test
    void a_tenant_with_its_own_key_is_neither_counted_nor_limited() {
        assertThat(salon.owner.put("/api/v1/connections/anthropic", Map.of("apiKey", TENANT_KEY)).status()).isEqualTo(200);
        CLAUDE.enqueueFor(salon.model, AnthropicStream.message("claude").text("Bien ", "sûr !").reply(),
                AnthropicStream.message("claude").text("Avec ", "plaisir.").reply(),
                AnthropicStream.message("claude").text("Entendu.").reply());
        var lines = new java.util.ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var call = salon.caller().call(CallScript.builder().say("Bonjour").hangUp().build());
            lines.addAll(call.agentLines());
            assertThat(notes(callDetail(call.callSid()))).isEmpty();
        }

        assertThat(lines).containsExactly("Bien sûr !", "Avec plaisir.", "Entendu.");
        assertThat(requestsFor(salon.model)).extracting(r -> apiKey(r)).containsExactly(TENANT_KEY, TENANT_KEY, TENANT_KEY);
        assertThat(usage.day(tenantId(salon.owner), today())).isEqualTo(new PlatformKeyUsage.Day(0, 0));
    }

    private List<RecordedRequest> requestsFor(String model) {
        return CLAUDE.requests().stream().filter(r -> model.equals(r.body().get("model"))).toList();
    }

    private static String apiKey(RecordedRequest request) {
        var key = request.header("x-api-key");
        if (key != null) return key;
        var bearer = request.header("authorization");
        return bearer == null ? null : bearer.replaceFirst("^Bearer ", "");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> callDetail(String callSid) {
        var items = (List<Map<String, Object>>) salon.owner.get("/api/v1/calls").json().get("items");
        var id = items.stream().filter(c -> callSid.equals(c.get("providerCallId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no call " + callSid + " in " + items)).get("id");
        return salon.owner.get("/api/v1/calls/" + id).json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> notes(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("timeline")).stream().filter(e -> "model.note".equals(e.get("type")))
                .map(e -> (Map<String, Object>) e.get("data")).toList();
    }

    private static TenantId tenantId(Api owner) {
        return new TenantId(UUID.fromString((String) owner.get("/api/v1/tenant").json().get("id")));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
