package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.CallScript;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a fresh install can do with no API key: the offline model books through the same tools
 * a real model uses, over a whole ConversationRelay call, and the records show it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineBookingCallE2eTest implements TestPropertyProvider {
    private static final List<String> TOOLS = List.of("check_availability", "book_appointment", "search_knowledge",
            "transfer_to_human", "end_call");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL, "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN);
    }

    private RelayFixture openEveryDay(String language) {
        var salon = new RelayFixture(server, new Api(server, json), "offline", language, TOOLS);
        var hours = Map.of("monday", List.of("09:00-19:00"), "tuesday", List.of("09:00-19:00"), "wednesday", List.of("09:00-19:00"),
                "thursday", List.of("09:00-19:00"), "friday", List.of("09:00-19:00"), "saturday", List.of("09:00-19:00"),
                "sunday", List.of("09:00-19:00"));
        var rules = salon.owner.put("/api/v1/availability", Map.of("openingHours", hours, "defaultDurationMinutes", 30,
                "serviceDurations", Map.of("coupe", 45, "haircut", 30), "slotMinutes", 30));
        assertThat(rules.status()).as(rules.raw()).isEqualTo(200);
        return salon;
    }

    @Test
    void a_french_booking_call_leaves_an_appointment_a_transcript_a_timeline_and_a_summary() {
        var salon = openEveryDay("fr-FR");
        var result = salon.caller().call(CallScript.builder()
                .say("Bonjour, je voudrais prendre rendez-vous pour une coupe demain à 14h30")
                .say("Je m'appelle Marie Dupont")
                .say("C'est tout, merci, au revoir").awaitEnd().build());

        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.AGENT_ENDED);
        assertThat(result.agentLines().get(1)).contains("C'est noté", "14 h 30", "coupe", "Marie Dupont");
        assertThat(result.agentLines().get(2)).contains("au revoir");
        assertThat(result.actionTwiml().orElseThrow().hangsUp()).isTrue();

        var detail = salon.onlyCall();
        var call = RelayFixture.call(detail);
        assertThat(call).containsEntry("status", "completed").containsEntry("direction", "inbound").containsEntry("runtime", "relay");
        var appointments = salon.owner.get("/api/v1/appointments").list();
        assertThat(appointments).hasSize(1);
        assertThat(appointments.get(0)).containsEntry("clientName", "Marie Dupont").containsEntry("serviceType", "coupe")
                .containsEntry("start", "14:30").containsEntry("status", "booked").containsEntry("callId", call.get("id"))
                .containsEntry("clientPhone", "+33612345678");
        assertThat(RelayFixture.transcript(detail)).startsWith("agent: Bonjour, salon Lumière, je vous écoute.",
                "caller: Bonjour, je voudrais prendre rendez-vous pour une coupe demain à 14h30");
        assertThat(RelayFixture.eventTypes(detail)).containsSubsequence("webhook.received", "twiml.returned", "socket.connected",
                "relay.setup", "agent.greeted", "caller.said", "model.requested", "model.first_token", "tool.called", "tool.result",
                "agent.said", "hangup", "relay.ended", "status.changed", "summary.written");
        assertThat((String) call.get("summary")).startsWith("Outcome: completed, ended by the agent")
                .contains("Caller intent: \"Bonjour, je voudrais prendre rendez-vous", "book_appointment: Booked: coupe for Marie Dupont")
                // What the tool told the model to do is not something that happened on the call; and the
                // report's own full stop is not doubled by the summary's ("… 14:30..").
                .doesNotContain("Confirm it to the caller", "..");
    }

    @Test
    void an_english_booking_call_ends_with_an_appointment_row() {
        var salon = openEveryDay("en-US");
        var result = salon.caller().call(CallScript.builder()
                .say("Hi, can I book a haircut tomorrow at 3 pm? My name is John Smith.")
                .say("That's all, goodbye").awaitEnd().build());

        assertThat(result.agentLines().get(0)).contains("You're all set", "3 PM", "John Smith");
        var appointments = salon.owner.get("/api/v1/appointments").list();
        assertThat(appointments).extracting(a -> a.get("clientName"), a -> a.get("serviceType"), a -> a.get("start"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("John Smith", "haircut", "15:00"));
    }
}
