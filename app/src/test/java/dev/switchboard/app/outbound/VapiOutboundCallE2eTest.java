package dev.switchboard.app.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.Api;
import dev.switchboard.app.MovableClock;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallContext;
import dev.switchboard.domain.outbound.DialOutboundCalls;
import dev.switchboard.testkit.vapi.FakeVapi;
import dev.switchboard.testkit.vapi.VapiMessageSender;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outbound calls of {@code vapi} assistants end to end: {@code POST /api/v1/calls} queues, the
 * dialer places the call with Vapi's {@code POST /call} on a fake Vapi API (loopback, bearer key,
 * strict body checks), and Vapi's server messages about that call — signed with the tenant's
 * webhook secret — carry the queued record to its end: never a second record. The scheduled
 * dialer is off: tests run it themselves.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VapiOutboundCallE2eTest implements TestPropertyProvider {
    private static final String VAPI_KEY = "vapi-private-key-orders";
    private static final String SECRET = "whsec-orders-42";
    private static final FakeVapi VAPI = FakeVapi.start(VAPI_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> ORDER = Map.of("customer_name", "Ada Lovelace",
            "order", Map.of("id", "A-1042", "items", List.of(Map.of("name", "Teapot", "qty", 2))));
    private static final List<String[]> TURNS = List.of(
            new String[] {"bot", "Hello Ada Lovelace, this is Orders & Co about your order A-1042."},
            new String[] {"user", "When does it arrive?"},
            new String[] {"bot", "Your two teapots arrive tomorrow."});

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DialOutboundCalls dialer;
    @Inject
    OutboundDialing dialing;

    private Api owner;
    private String tenantId;
    private String assistantId;
    private String number;
    private String numberId;
    private String vapiAssistantId;
    private String vapiNumberId;
    private VapiMessageSender webhook;
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Override
    public Map<String, String> getProperties() {
        return OutboundFixture.dialerOffSettings(Map.of("switchboard.vapi.base-url", VAPI.baseUrl(), "switchboard.vapi.timeout", "1s",
                "switchboard.twilio.verify-connections", "false"));
    }

    @AfterAll
    void stop_the_fake() {
        VAPI.close();
    }

    /** A tenant connected to Vapi with a synced vapi assistant on a number Vapi already holds. */
    @BeforeEach
    void a_shop_with_a_synced_vapi_assistant() {
        VAPI.reset();
        owner = new Api(server, json).newTenant("Orders & Co");
        tenantId = (String) owner.get("/api/v1/tenant").json().get("id");
        assertThat(owner.put("/api/v1/connections/vapi", Map.of("apiKey", VAPI_KEY, "webhookSecret", SECRET)).status()).isEqualTo(200);
        assistantId = vapiAssistant(owner);
        number = Fixtures.randomE164();
        vapiNumberId = VAPI.addNumber(number, null);
        numberId = (String) owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", assistantId)).json().get("id");
        var synced = owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", assistantId));
        assertThat(synced.status()).as(synced.raw()).isEqualTo(200);
        vapiAssistantId = (String) ((List<Map<String, Object>>) synced.json().get("assistants")).get(0).get("vapiAssistantId");
        OutboundFixture.anyHour(owner);
        webhook = new VapiMessageSender(server.getURI().resolve("/webhooks/vapi/" + tenantId), SECRET);
        VAPI.reset();
        dialing.forgetCallsLeftQueued();
    }

    private static String vapiAssistant(Api tenant) {
        var body = OutboundFixture.orderDesk();
        body.put("voice", Map.of("provider", "elevenlabs", "voiceId", "voice-1", "speed", 1.1));
        body.put("model", Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "temperature", 0.2, "maxTokens", 300));
        body.put("runtime", "vapi");
        var created = tenant.post("/api/v1/assistants", body);
        assertThat(created.status()).as(created.raw()).isIn(200, 201);
        return (String) created.json().get("id");
    }

    private List<FakeVapi.Request> callRequests() {
        return VAPI.requests().stream().filter(r -> r.path().equals("/call")).toList();
    }

    private JsonNode placedAtVapi(String callId) {
        return VAPI.calls().stream()
                .filter(c -> callId.equals(c.path("assistantOverrides").path("metadata").path("switchboardCallId").asText()))
                .findFirst().orElseThrow();
    }

    private VapiMessageSender.Call vapiSide(JsonNode placed) {
        return VapiMessageSender.outbound(placed, number, vapiAssistantId,
                Map.of("switchboardTenantId", tenantId, "switchboardAssistantId", assistantId), start);
    }

    private Map<String, Object> detail(Api tenant, String callId) {
        return tenant.get("/api/v1/calls/" + callId).json();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> timeline(Map<String, Object> detail) {
        return (List<Map<String, Object>>) detail.get("timeline");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_vapi_assistants_call_is_placed_with_vapi_and_its_server_messages_complete_the_queued_call() {
        var answer = OutboundFixture.place(owner, numberId, Map.of("context", ORDER, "reference", "order-A-1042"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(202);
        var callId = OutboundFixture.id(answer);
        assertThat(OutboundFixture.call(answer.json())).containsEntry("status", "queued").containsEntry("runtime", "vapi")
                .containsEntry("direction", "outbound");
        assertThat(callRequests()).as("the API request never talks to Vapi").isEmpty();

        dialer.run();

        assertThat(callRequests()).hasSize(1);
        var request = callRequests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.authorization()).isEqualTo("Bearer " + VAPI_KEY);
        var body = request.body();
        var fields = new ArrayList<String>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("assistantId", "phoneNumberId", "customer", "assistantOverrides");
        assertThat(body.path("assistantId").asText()).isEqualTo(vapiAssistantId);
        assertThat(body.path("phoneNumberId").asText()).isEqualTo(vapiNumberId);
        assertThat(body.path("customer")).isEqualTo(JSON.valueToTree(Map.of("number", OutboundFixture.CUSTOMER)));
        var overrides = body.path("assistantOverrides");
        var overridden = new ArrayList<String>();
        overrides.fieldNames().forEachRemaining(overridden::add);
        assertThat(overridden).containsExactly("variableValues", "model", "firstMessage", "metadata");
        assertThat(overrides.path("variableValues")).isEqualTo(JSON.valueToTree(ORDER));
        var synced = VAPI.assistant(vapiAssistantId).path("model");
        assertThat(overrides.path("model").path("provider").asText()).isEqualTo(synced.path("provider").asText());
        assertThat(overrides.path("model").path("model").asText()).isEqualTo(synced.path("model").asText());
        assertThat(overrides.path("model").path("messages").size()).isEqualTo(1);
        assertThat(overrides.path("model").path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(overrides.path("model").path("messages").get(0).path("content").asText())
                .startsWith("You call Ada Lovelace about order A-1042.\n\n" + CallContext.BEGIN)
                .contains("\"id\":\"A-1042\"").contains("\"name\":\"Teapot\"").endsWith(CallContext.END);
        assertThat(overrides.path("firstMessage").asText()).isEqualTo("Hello Ada Lovelace, this is Orders & Co about your order A-1042.");
        assertThat(overrides.path("metadata").path("switchboardCallId").asText()).isEqualTo(callId);
        assertThat(overrides.path("metadata").path("switchboardTenantId").asText()).isEqualTo(tenantId);
        assertThat(overrides.path("metadata").path("switchboardAssistantId").asText()).isEqualTo(assistantId);

        var placed = placedAtVapi(callId);
        var vapiCallId = placed.path("id").asText();
        var queued = detail(owner, callId);
        assertThat(OutboundFixture.call(queued)).containsEntry("providerCallId", vapiCallId).containsEntry("status", "queued");
        assertThat(map(queued.get("outbound"))).containsEntry("dialState", "placed").containsEntry("reference", "order-A-1042");
        var dialPlaced = timeline(queued).stream().filter(e -> e.get("type").equals("dial.placed")).findFirst().orElseThrow();
        assertThat(map(dialPlaced.get("data"))).containsEntry("via", "vapi").containsEntry("vapiCallId", vapiCallId)
                .containsEntry("vapiAssistantId", vapiAssistantId).containsEntry("vapiPhoneNumberId", vapiNumberId);

        var vapi = vapiSide(placed);
        for (var message : List.of(vapi.statusUpdate(0, "ringing", null), vapi.statusUpdate(3, "in-progress", null),
                vapi.statusUpdate(3, "in-progress", null), vapi.statusUpdate(42, "ended", "customer-ended-call"),
                vapi.endOfCallReport(45, "customer-ended-call", 3, 41, "0.0712", "Ada was told her teapots arrive tomorrow.", TURNS)))
            assertThat(webhook.send(message).status()).isEqualTo(200);

        var page = owner.get("/api/v1/calls").json();
        assertThat(page.get("total")).as("Vapi's messages land on the queued call, not a new one").isEqualTo(1);
        var shown = detail(owner, callId);
        assertThat(OutboundFixture.call(shown)).containsEntry("status", "completed").containsEntry("direction", "outbound")
                .containsEntry("runtime", "vapi").containsEntry("providerCallId", vapiCallId).containsEntry("from", number)
                .containsEntry("to", OutboundFixture.CUSTOMER).containsEntry("assistantId", assistantId).containsEntry("durationSeconds", 38)
                .containsEntry("endedReason", "customer-ended-call").containsEntry("summary", "Ada was told her teapots arrive tomorrow.");
        assertThat(((List<Map<String, Object>>) shown.get("transcript")).stream().map(t -> t.get("speaker") + ": " + t.get("text")).toList())
                .containsExactly("agent: Hello Ada Lovelace, this is Orders & Co about your order A-1042.",
                        "caller: When does it arrive?", "agent: Your two teapots arrive tomorrow.");
        assertThat(OutboundFixture.eventTypes(shown)).containsSubsequence("dial.queued", "dial.placed", "vapi.status-update", "status.changed",
                "vapi.status-update", "vapi.duplicate", "vapi.end-of-call-report").doesNotContain("vapi.call.created");
        assertThat(callRequests()).hasSize(1);
    }

    @Test
    void a_dial_whose_answer_vapi_lost_is_confirmed_by_its_first_message_and_never_placed_twice() {
        VAPI.fail(FakeVapi.Endpoint.CREATE_CALL, FakeVapi.Failure.timeoutAfterApplying(Duration.ofSeconds(3)).once());
        var callId = OutboundFixture.id(OutboundFixture.place(owner, numberId, Map.of("context", ORDER)));

        dialer.run();

        var waiting = detail(owner, callId);
        assertThat(OutboundFixture.call(waiting)).containsEntry("status", "queued");
        assertThat(OutboundFixture.call(waiting).get("providerCallId")).isNull();
        assertThat(map(waiting.get("outbound"))).containsEntry("dialState", "unconfirmed");
        assertThat(OutboundFixture.eventTypes(waiting)).contains("dial.unconfirmed");
        var placed = placedAtVapi(callId);
        var vapi = vapiSide(placed);

        assertThat(webhook.send(vapi.statusUpdate(0, "ringing", null)).status()).isEqualTo(200);

        var confirmed = detail(owner, callId);
        assertThat(OutboundFixture.call(confirmed)).containsEntry("providerCallId", placed.path("id").asText())
                .containsEntry("status", "ringing");
        assertThat(map(confirmed.get("outbound"))).containsEntry("dialState", "placed");
        assertThat(OutboundFixture.eventTypes(confirmed)).containsSubsequence("dial.unconfirmed", "dial.confirmed", "vapi.status-update");
        var clock = new MovableClock(Instant.now().plus(Duration.ofHours(1)));
        dialing.throughVapiAt(clock, 3).run();
        assertThat(callRequests()).as("confirmed: never dialed again").hasSize(1);

        assertThat(webhook.send(vapi.endOfCallReport(40, "customer-ended-call", 2, 30, "0.05", "Order A-1042 discussed.", TURNS)).status())
                .isEqualTo(200);
        assertThat(owner.get("/api/v1/calls").json().get("total")).isEqualTo(1);
        assertThat(OutboundFixture.call(detail(owner, callId))).containsEntry("status", "completed")
                .containsEntry("summary", "Order A-1042 discussed.");
    }

    @Test
    void a_call_vapi_refuses_fails_with_vapis_words() {
        VAPI.fail(FakeVapi.Endpoint.CREATE_CALL,
                FakeVapi.Failure.status(400, "Couldn't create call. Twilio Error: Number +33612345678 is not allowed.").once());
        var callId = OutboundFixture.id(OutboundFixture.place(owner, numberId, Map.of()));

        dialer.run();
        dialer.run();

        assertThat(callRequests()).hasSize(1);
        var failed = detail(owner, callId);
        assertThat(OutboundFixture.call(failed)).containsEntry("status", "failed");
        assertThat((String) OutboundFixture.call(failed).get("endedReason")).startsWith("Vapi refused the call: ")
                .contains("Twilio Error: Number +33612345678 is not allowed.");
        assertThat(map(failed.get("outbound"))).containsEntry("dialState", "done");
        assertThat(OutboundFixture.eventTypes(failed)).containsSubsequence("dial.queued", "dial.refused");
    }

    @Test
    void a_number_vapi_does_not_hold_goes_through_the_tenants_twilio_account_with_a_transient_assistant_when_not_synced() {
        var other = new Api(server, json).newTenant("Teapots Ltd");
        var otherTenant = (String) other.get("/api/v1/tenant").json().get("id");
        assertThat(other.put("/api/v1/connections/vapi", Map.of("apiKey", VAPI_KEY, "webhookSecret", SECRET)).status()).isEqualTo(200);
        var unsynced = vapiAssistant(other);
        var line = Fixtures.randomE164();
        var lineId = (String) other.post("/api/v1/phone-numbers", Map.of("number", line, "assistantId", unsynced)).json().get("id");
        OutboundFixture.anyHour(other);
        var refused = OutboundFixture.place(other, lineId, Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("phoneNumberId").contains("import it into Vapi").contains("connect Twilio");

        var sid = "AC" + "7".repeat(32);
        VAPI.acceptTwilio(sid, "twilio-token-teapots");
        assertThat(other.put("/api/v1/connections/twilio", Map.of("accountSid", sid, "authToken", "twilio-token-teapots")).status())
                .isEqualTo(200);
        var callId = OutboundFixture.id(OutboundFixture.place(other, lineId, Map.of("context", Map.of("customer_name", "Grace", "order", Map.of("id", "T-7")))));

        dialer.run();

        assertThat(callRequests()).hasSize(1);
        var body = callRequests().get(0).body();
        assertThat(body.has("assistantId")).isFalse();
        assertThat(body.path("assistant").path("firstMessage").asText()).isEqualTo("Hello Grace, this is Orders & Co about your order T-7.");
        assertThat(body.path("assistant").path("model").path("messages").get(0).path("content").asText())
                .startsWith("You call Grace about order T-7.").contains(CallContext.BEGIN);
        assertThat(body.path("assistant").path("metadata").path("switchboardCallId").asText()).isEqualTo(callId);
        assertThat(body.path("assistant").path("metadata").path("switchboardTenantId").asText()).isEqualTo(otherTenant);
        assertThat(body.path("phoneNumber")).isEqualTo(JSON.valueToTree(Map.of("twilioPhoneNumber", line, "twilioAccountSid", sid,
                "twilioAuthToken", "twilio-token-teapots")));
        assertThat(body.path("assistantOverrides").path("variableValues").path("order").path("id").asText()).isEqualTo("T-7");
        var vapiCallId = placedAtVapi(callId).path("id").asText();
        assertThat(OutboundFixture.call(detail(other, callId))).containsEntry("providerCallId", vapiCallId);
    }

    @Test
    void without_a_vapi_connection_nothing_is_queued() {
        var bare = new Api(server, json).newTenant("No Vapi Yet");
        var assistant = vapiAssistant(bare);
        var line = (String) bare.post("/api/v1/phone-numbers", Map.of("number", Fixtures.randomE164(), "assistantId", assistant))
                .json().get("id");

        var refused = OutboundFixture.place(bare, line, Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("assistantId").contains("connect Vapi first");
        assertThat(bare.get("/api/v1/calls").json().get("total")).isEqualTo(0);
        dialer.run();
        assertThat(callRequests()).isEmpty();
    }
}
