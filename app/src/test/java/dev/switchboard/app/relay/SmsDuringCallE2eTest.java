package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioRoute;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11, {@code send_sms}: during a relay call the agent books an appointment and texts the
 * caller the confirmation from the number of the call, through Twilio's {@code Messages.json}
 * (the fake REST API); the text is on the tenant's messages with the call it belongs to. A
 * caller who replied STOP is not texted, and the agent hears why.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsDuringCallE2eTest implements TestPropertyProvider {
    private static final String PLATFORM_SID = "AC" + "7".repeat(32);
    private static final String CALLER = "+33612345678";
    private static final FakeAnthropicServer CLAUDE = FakeAnthropicServer.start();
    private final FakeTwilioRest twilio = FakeTwilioRest.start();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private RelayFixture salon;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL,
                "switchboard.twilio.account-sid", PLATFORM_SID,
                "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "switchboard.twilio.api-url", twilio.baseUrl(),
                "switchboard.llm.anthropic.base-url", CLAUDE.baseUrl(),
                "switchboard.llm.anthropic.api-key", "sk-ant-test");
    }

    @BeforeEach
    void a_salon_open_every_day_on_an_imported_number() {
        CLAUDE.reset();
        twilio.reset();
        twilio.addAccount(PLATFORM_SID, RelayFixture.AUTH_TOKEN);
        salon = new RelayFixture(server, new Api(server, json), "anthropic", "fr-FR", List.of("book_appointment", "send_sms"))
                .imported(twilio, PLATFORM_SID);
        var hours = new HashMap<String, Object>();
        for (var day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
            hours.put(day, List.of("09:00-19:00"));
        var rules = salon.owner.put("/api/v1/availability", Map.of("openingHours", hours, "defaultDurationMinutes", 30, "slotMinutes", 30));
        assertThat(rules.status()).as(rules.raw()).isEqualTo(200);
        twilio.clear();
    }

    @AfterAll
    void stop_the_fakes() {
        CLAUDE.close();
        twilio.close();
    }

    @Test
    void the_agent_books_and_texts_the_confirmation_to_the_caller_from_the_number_of_the_call() {
        var day = LocalDate.now(ZoneId.of((String) salon.owner.get("/api/v1/tenant").json().get("timezone"))).plusDays(1);
        var text = "Salon Lumière : coupe réservée le " + day + " à 10:00.";
        CLAUDE.enqueueFor(salon.model,
                AnthropicStream.message("claude").toolUse("toolu_b", "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"10:00\","
                        + "\"client_name\":\"Jean Dupont\",\"service_type\":\"coupe\"}").reply(),
                AnthropicStream.message("claude").toolUse("toolu_s", "send_sms", "{\"body\":", " \"" + text + "\"}").reply(),
                AnthropicStream.message("claude").text("C'est réservé, ", "je vous ai envoyé un SMS.").reply());

        var result = salon.caller().call(CallScript.builder().say("Une coupe demain à 10 heures, et envoyez-moi un SMS.").hangUp().build());

        assertThat(result.agentLines()).containsExactly("C'est réservé, je vous ai envoyé un SMS.");
        var sent = twilio.requests(TwilioRoute.CREATE_MESSAGE);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).username()).isEqualTo(PLATFORM_SID);
        var call = RelayFixture.call(salon.onlyCall());
        var messages = salon.owner.get("/api/v1/messages").json();
        assertThat(messages).containsEntry("total", 1);
        @SuppressWarnings("unchecked")
        var message = ((List<Map<String, Object>>) messages.get("items")).get(0);
        assertThat(sent.get(0).form()).isEqualTo(Map.of("To", List.of(CALLER), "From", List.of(salon.number), "Body", List.of(text),
                "StatusCallback", List.of(RelayFixture.PUBLIC_URL + "/webhooks/twilio/sms-status?message=" + message.get("id"))));
        assertThat(message).containsEntry("direction", "outbound").containsEntry("status", "queued").containsEntry("to", CALLER)
                .containsEntry("from", salon.number).containsEntry("body", text).containsEntry("callId", call.get("id"));
        assertThat(RelayFixture.eventTypes(salon.onlyCall()).stream().filter("tool.result"::equals)).hasSize(2);
    }

    @Test
    void a_caller_who_replied_stop_is_not_texted_and_the_agent_hears_why() {
        var stop = new java.util.LinkedHashMap<String, String>();
        stop.put("MessageSid", "SM" + "1".repeat(32));
        stop.put("AccountSid", PLATFORM_SID);
        stop.put("From", CALLER);
        stop.put("To", salon.number);
        stop.put("Body", "STOP");
        assertThat(salon.caller().postSigned("/webhooks/twilio/sms", stop).status()).isEqualTo(200);
        CLAUDE.enqueueFor(salon.model,
                AnthropicStream.message("claude").toolUse("toolu_s", "send_sms", "{\"body\": \"Votre rendez-vous est confirmé.\"}").reply(),
                AnthropicStream.message("claude").text("Je ne peux pas vous envoyer de SMS.").reply());

        salon.caller().call(CallScript.builder().say("Envoyez-moi un SMS.").hangUp().build());

        assertThat(twilio.requests(TwilioRoute.CREATE_MESSAGE)).isEmpty();
        var modelRequests = CLAUDE.requests();
        assertThat(modelRequests.get(modelRequests.size() - 1).body().toString()).contains("unsubscribed from our texts");
    }
}
