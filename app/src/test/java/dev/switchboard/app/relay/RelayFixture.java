package dev.switchboard.app.relay;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.caller.StatusDelivery;
import dev.switchboard.testkit.caller.VirtualCaller;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant with a relay assistant on a number, and a virtual caller dialling it through the
 * public URL the server validates signatures against (as behind a proxy).
 */
final class RelayFixture {
    static final String PUBLIC_URL = "https://switchboard.test";
    static final String AUTH_TOKEN = "test-twilio-auth-token";
    final Api owner;
    final String assistantId;
    final String number;
    /** A model name of this fixture's own, so scripted model answers reach this call only. */
    final String model = "claude-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private final EmbeddedServer server;

    RelayFixture(EmbeddedServer server, Api anonymous, String provider, String language, List<String> tools) {
        this.server = server;
        this.owner = anonymous.newTenant("Salon Lumière");
        var assistant = new HashMap<String, Object>();
        assistant.put("name", "Accueil");
        assistant.put("systemPrompt", "Tu réponds au téléphone pour le salon Lumière.");
        assistant.put("firstMessage", language.startsWith("fr") ? "Bonjour, salon Lumière, je vous écoute." : "Hello, Lumière salon.");
        assistant.put("language", language);
        assistant.put("model", Map.of("provider", provider, "model", provider.equals("offline") ? "demo-brain" : model, "maxTokens", 300));
        assistant.put("tools", tools);
        assistant.put("transferNumber", "+33142000099");
        this.assistantId = (String) owner.post("/api/v1/assistants", assistant).json().get("id");
        this.number = Fixtures.randomE164();
        owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", assistantId));
    }

    VirtualCaller caller() {
        return caller(StatusDelivery.IN_ORDER);
    }

    VirtualCaller caller(StatusDelivery delivery) {
        return caller(b -> b.statusDelivery(delivery));
    }

    /** This fixture's caller, set up further by {@code how} (e.g. Twilio unable to reach the sockets). */
    VirtualCaller caller(java.util.function.UnaryOperator<VirtualCaller.Builder> how) {
        return how.apply(VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC_URL).authToken(AUTH_TOKEN)
                .from("+33612345678").to(number).replyTimeout(Duration.ofSeconds(20))).build();
    }

    /** The one call of this tenant, with transcript and timeline, as the API shows it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> onlyCall() {
        var page = owner.get("/api/v1/calls").json();
        var items = (List<Map<String, Object>>) page.get("items");
        if (items.size() != 1) throw new AssertionError("expected one call, got " + page);
        return owner.get("/api/v1/calls/" + items.get(0).get("id")).json();
    }

    @SuppressWarnings("unchecked")
    static List<String> eventTypes(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("timeline")).stream().map(e -> (String) e.get("type")).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> transcript(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("transcript")).stream()
                .map(m -> m.get("speaker") + ": " + m.get("text") + (Boolean.TRUE.equals(m.get("interrupted")) ? " (interrupted)" : ""))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> call(Map<String, Object> detail) {
        return (Map<String, Object>) detail.get("call");
    }

    /**
     * Replaces the number added by hand with the same number bought in {@code accountSid} at
     * {@code twilio} and imported (proven): a server with real Twilio credentials takes calls on
     * proven numbers only.
     */
    RelayFixture imported(dev.switchboard.testkit.twilio.FakeTwilioRest twilio, String accountSid) {
        twilio.addNumber(accountSid, number);
        var id = owner.get("/api/v1/phone-numbers").list().get(0).get("id");
        owner.delete("/api/v1/phone-numbers/" + id);
        var imported = owner.post("/api/v1/phone-numbers/import", Map.of("number", number, "assistantId", assistantId));
        if (imported.status() != 201) throw new IllegalStateException("number import: " + imported.raw());
        return this;
    }
}
