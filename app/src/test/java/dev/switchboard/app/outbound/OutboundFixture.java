package dev.switchboard.app.outbound;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.caller.StatusDelivery;
import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tenant with a relay assistant on a number the platform's (fake) Twilio account holds, ready to call customers. */
final class OutboundFixture {
    static final String PUBLIC_URL = "https://switchboard.test";
    static final String AUTH_TOKEN = "test-twilio-auth-token";
    static final String PLATFORM_SID = "AC" + "0".repeat(31) + "9";
    static final String CUSTOMER = "+33612345678";
    final Api owner;
    final String assistantId;
    final String number;
    final String numberId;
    final String model = "claude-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private final EmbeddedServer server;

    OutboundFixture(EmbeddedServer server, Api anonymous, FakeTwilioRest twilio, Map<String, Object> assistantExtras) {
        this.server = server;
        this.owner = anonymous.newTenant("Orders & Co");
        var assistant = orderDesk();
        assistant.put("model", Map.of("provider", "anthropic", "model", model, "maxTokens", 300));
        assistant.put("tools", List.of("end_call"));
        assistant.putAll(assistantExtras);
        var created = owner.post("/api/v1/assistants", assistant);
        if (created.status() != 201 && created.status() != 200) throw new AssertionError("assistant not created: " + created.raw());
        this.assistantId = (String) created.json().get("id");
        this.number = Fixtures.randomE164();
        this.numberId = (String) owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", assistantId)).json().get("id");
        twilio.addNumber(PLATFORM_SID, number);
        anyHour(owner);
    }

    /**
     * The server's settings for tests that run the dialer themselves: the scheduled dialer and
     * reconciliation off, this fixture's public URL, and {@code more} on top.
     */
    static Map<String, String> dialerOffSettings(Map<String, String> more) {
        var settings = new HashMap<String, String>(more);
        settings.put("switchboard.public-url", PUBLIC_URL);
        settings.put("switchboard.outbound.enabled", "false");
        settings.put("switchboard.reconcile.enabled", "false");
        return settings;
    }

    /** The order desk assistant's words (name, prompt and first message about the order, language), for a runtime to be added. */
    static Map<String, Object> orderDesk() {
        var assistant = new HashMap<String, Object>();
        assistant.put("name", "Order desk");
        assistant.put("systemPrompt", "You call {{customer_name}} about order {{order.id}}.");
        assistant.put("firstMessage", "Hello {{customer_name}}, this is Orders & Co about your order {{order.id}}.");
        assistant.put("language", "en-US");
        return assistant;
    }

    /** Calls may ring at any hour in these tests unless a test says otherwise. */
    static void anyHour(Api tenant) {
        tenant.put("/api/v1/outbound-settings", Map.of("maxConcurrentOutboundCalls", 50, "callsPerSecond", 100,
                "callingHours", Map.of("start", "00:00", "end", "00:00")));
    }

    Api.Answer place(Map<String, Object> body) {
        return place(owner, numberId, body);
    }

    /** {@code tenant} asks for a call to the customer from its number {@code fromNumberId}, with {@code body}'s fields on top. */
    static Api.Answer place(Api tenant, String fromNumberId, Map<String, Object> body) {
        var request = new HashMap<String, Object>(Map.of("to", CUSTOMER, "phoneNumberId", fromNumberId));
        request.putAll(body);
        return tenant.post("/api/v1/calls", request);
    }

    /** The id of the call an answer of {@code POST /api/v1/calls} shows. */
    @SuppressWarnings("unchecked")
    static String id(Api.Answer answer) {
        return (String) ((Map<String, Object>) answer.json().get("call")).get("id");
    }

    /** Twilio's side of the call we placed: outbound-api, from our number to the customer, to the URLs we gave. */
    VirtualCaller twilioFor(String callId, StatusDelivery delivery) {
        return VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC_URL).authToken(AUTH_TOKEN).accountSid(PLATFORM_SID)
                .from(number).to(CUSTOMER).direction("outbound-api").voicePath("/webhooks/twilio/voice?call=" + callId)
                .statusPath("/webhooks/twilio/status?call=" + callId).statusDelivery(delivery).replyTimeout(Duration.ofSeconds(20)).build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> call(Map<String, Object> detail) {
        return (Map<String, Object>) detail.get("call");
    }

    @SuppressWarnings("unchecked")
    static List<String> eventTypes(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("timeline")).stream().map(e -> (String) e.get("type")).toList();
    }
}
