package dev.switchboard.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * A tenant with a stream assistant (OpenAI Realtime, or Gemini Live) on a number, its own key for
 * that provider (so the fake model server plays this tenant's script only), opening hours every
 * day, and a virtual caller on the platform's Twilio account, which the fake Twilio REST API knows.
 */
final class StreamFixture {
    static final String PUBLIC_URL = "https://switchboard.test";
    static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "test-twilio-auth-token";
    static final String TRANSFER = "+33142000099";
    final Api owner;
    final String number;
    final String openAiKey = "sk-test-" + UUID.randomUUID();
    final String googleKey = "gemini-test-" + UUID.randomUUID();
    private final EmbeddedServer server;

    /** With the number added by hand (unproven): only for a server without real Twilio credentials. */
    StreamFixture(EmbeddedServer server, Api anonymous, boolean withTransfer) {
        this(server, anonymous, withTransfer, "openai", null);
    }

    /** @param provider {@code openai} (gpt-realtime, marin) or {@code google} (gemini-live-2.5-flash-preview, Puck) */
    StreamFixture(EmbeddedServer server, Api anonymous, boolean withTransfer, String provider) {
        this(server, anonymous, withTransfer, provider, null);
    }

    /**
     * With the number bought on the platform's account at {@code twilio} and imported (proven): a
     * server with real Twilio credentials refuses calls to unproven numbers.
     */
    StreamFixture(EmbeddedServer server, Api anonymous, boolean withTransfer, FakeTwilioRest twilio) {
        this(server, anonymous, withTransfer, "openai", twilio);
    }

    StreamFixture(EmbeddedServer server, Api anonymous, boolean withTransfer, String provider, FakeTwilioRest twilio) {
        this(server, anonymous, withTransfer, provider, twilio, true);
    }

    /** @param ownKey whether the tenant has a key of its own for the provider (else the platform's pays, within its quota) */
    StreamFixture(EmbeddedServer server, Api anonymous, boolean withTransfer, String provider, FakeTwilioRest twilio, boolean ownKey) {
        this.server = server;
        this.owner = anonymous.newTenant("Salon Lumière");
        boolean google = "google".equals(provider);
        if (ownKey) {
            var key = owner.put("/api/v1/connections/" + provider, Map.of("apiKey", google ? googleKey : openAiKey));
            if (key.status() != 200) throw new IllegalStateException(provider + " connection: " + key.raw());
        }
        var assistant = new HashMap<String, Object>();
        assistant.put("name", "Front desk");
        assistant.put("systemPrompt", "You answer the phone for the Lumière hair salon.");
        assistant.put("language", "en-US");
        assistant.put("runtime", "stream");
        assistant.put("model", Map.of("provider", provider, "model", google ? "gemini-live-2.5-flash-preview" : "gpt-realtime"));
        assistant.put("voice", Map.of("provider", provider, "voiceId", google ? "Puck" : "marin"));
        assistant.put("tools", List.of("check_availability", "book_appointment", "transfer_to_human", "end_call"));
        if (withTransfer) assistant.put("transferNumber", TRANSFER);
        var created = owner.post("/api/v1/assistants", assistant);
        if (created.status() != 201) throw new IllegalStateException("assistant: " + created.raw());
        this.number = Fixtures.randomE164();
        if (twilio == null) {
            owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", created.json().get("id")));
        } else {
            twilio.addNumber(ACCOUNT_SID, number);
            var imported = owner.post("/api/v1/phone-numbers/import", Map.of("number", number, "assistantId", created.json().get("id")));
            if (imported.status() != 201) throw new IllegalStateException("number import: " + imported.raw());
        }
        var hours = new HashMap<String, Object>();
        for (var day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
            hours.put(day, List.of("09:00-19:00"));
        var rules = owner.put("/api/v1/availability", Map.of("openingHours", hours, "defaultDurationMinutes", 30, "slotMinutes", 30));
        if (rules.status() != 200) throw new IllegalStateException("availability: " + rules.raw());
    }

    VirtualCaller caller() {
        return VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC_URL).authToken(AUTH_TOKEN).accountSid(ACCOUNT_SID)
                .from("+33612345678").to(number).replyTimeout(Duration.ofSeconds(20)).build();
    }

    /** A call Twilio holds (the fake REST API), in progress, so the server can update it. */
    static String callAtTwilio(FakeTwilioRest twilio, String to) {
        return twilio.addCall(ACCOUNT_SID, "+33612345678", to, "in-progress");
    }

    LocalDate tomorrow() {
        return LocalDate.now(ZoneId.of((String) owner.get("/api/v1/tenant").json().get("timezone"))).plusDays(1);
    }

    /** The one call of this tenant, with transcript and timeline, as the API shows it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> onlyCall() {
        var items = (List<Map<String, Object>>) owner.get("/api/v1/calls").json().get("items");
        if (items.size() != 1) throw new AssertionError("expected one call, got " + items);
        return owner.get("/api/v1/calls/" + items.get(0).get("id")).json();
    }

    /**
     * The booking conversation, told step by step to a fake model's script builder (OpenAI
     * Realtime's or Gemini Live's: {@code say}, {@code callerSays}, {@code callTool}): a haircut
     * tomorrow at ten for John Smith, then goodbye and end_call. The caller answers well after each
     * agent line has played (on a loaded machine the phone's clock lags), so no turn here is a
     * barge-in; barge-in has its own tests.
     */
    void haircutBooking(BiConsumer<String, Duration> say, BiConsumer<String, Duration> callerSays, BiConsumer<String, String> callTool) {
        var day = tomorrow().toString();
        say.accept("Hello, Lumière salon, how can I help?", Duration.ofMillis(300));
        callerSays.accept("I'd like a haircut tomorrow at ten.", Duration.ofMillis(2500));
        callTool.accept("check_availability", "{\"date\":\"" + day + "\"}");
        say.accept("Ten is free tomorrow. May I have your name?", Duration.ofMillis(300));
        callerSays.accept("John Smith.", Duration.ofMillis(2500));
        callTool.accept("book_appointment", "{\"date\":\"" + day + "\",\"time\":\"10:00\",\"client_name\":\"John Smith\",\"service_type\":\"haircut\"}");
        say.accept("You are booked for ten tomorrow. Goodbye!", Duration.ofMillis(300));
        callTool.accept("end_call", "{\"reason\":\"booked, caller said goodbye\"}");
    }

    /**
     * After the {@linkplain #haircutBooking booking conversation}: the appointment is booked with the caller's
     * number, and the call, completed, summarized and hung up through Twilio, shows the whole
     * conversation and every stage from the TwiML to the summary.
     */
    void assertHaircutBookedAndCallShown(Duration wait) {
        var appointments = owner.get("/api/v1/appointments").list();
        assertThat(appointments).singleElement().satisfies(a -> assertThat(a).containsEntry("clientName", "John Smith")
                .containsEntry("serviceType", "haircut").containsEntry("start", "10:00").containsEntry("clientPhone", "+33612345678"));
        // The summary and Twilio's answer to the hang-up are written after the call ends: wait for both.
        await().atMost(wait).until(() -> call(onlyCall()).get("summary") != null && eventTypes(onlyCall()).contains("twilio.call.updated"));
        var detail = onlyCall();
        assertThat(call(detail)).containsEntry("status", "completed").containsEntry("runtime", "stream");
        assertThat(transcript(detail)).containsExactly(
                "agent: Hello, Lumière salon, how can I help?",
                "caller: I'd like a haircut tomorrow at ten.",
                "agent: Ten is free tomorrow. May I have your name?",
                "caller: John Smith.",
                "agent: You are booked for ten tomorrow. Goodbye!");
        assertThat(eventTypes(detail)).containsSubsequence("twiml.returned", "stream.connected", "stream.started",
                "model.connecting", "model.connected", "model.ready", "tool.called", "tool.called", "tool.called", "call.ending", "status.changed",
                "summary.written").contains("twilio.call.updated", "stream.socket.closed");
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
}
