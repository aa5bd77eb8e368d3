package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.app.CallVerdicts;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11: with real Twilio credentials (here the platform's account, at the fake Twilio REST
 * API), a number no Twilio account of the tenant was shown to hold takes no calls — the caller
 * hears a goodbye and the refusal is on the call's timeline — while an imported number answers.
 * The development-token side is {@link UnprovenNumbersInDevelopmentE2eTest}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnprovenNumbersE2eTest implements TestPropertyProvider {
    private static final String PLATFORM_SID = "AC" + "5".repeat(32);
    private final FakeTwilioRest twilio = FakeTwilioRest.start();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private RelayFixture salon;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL, "switchboard.twilio.account-sid", PLATFORM_SID,
                "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN, "switchboard.twilio.api-url", twilio.baseUrl());
    }

    @BeforeEach
    void a_salon_with_a_number_added_by_hand() {
        twilio.reset();
        twilio.addAccount(PLATFORM_SID, RelayFixture.AUTH_TOKEN);
        salon = new RelayFixture(server, new Api(server, json), "offline", "en-US", List.of());
    }

    @AfterAll
    void stop() {
        twilio.close();
    }

    @Test
    void a_call_to_an_unproven_number_hears_a_goodbye_and_the_refusal_is_on_record() {
        var answer = salon.caller().postVoiceWebhook(salon.caller().voiceParameters("CA" + "e".repeat(32)));

        assertThat(answer.status()).isEqualTo(200);
        var twiml = TwimlDocument.parse(answer.body());
        assertThat(twiml.says()).containsExactly("Sorry, this number is not in service. Goodbye.");
        assertThat(twiml.hangsUp()).isTrue();
        assertThat(twiml.conversationRelay()).isEmpty();
        var call = salon.onlyCall();
        assertThat(RelayFixture.eventTypes(call)).containsExactly("webhook.received", "call.refused");
        @SuppressWarnings("unchecked")
        var refused = ((List<Map<String, Object>>) call.get("timeline")).get(1);
        assertThat((String) ((Map<?, ?>) refused.get("data")).get("reason")).startsWith("the number is not proven");
        var number = salon.owner.get("/api/v1/phone-numbers").list().get(0);
        assertThat(salon.owner.get("/api/v1/phone-numbers/" + number.get("id")).json()).containsEntry("proven", false)
                .containsEntry("twilio", Map.of("mismatches", List.of(),
                        "note", "unproven: not imported from a Twilio account of this tenant; import it with POST /api/v1/phone-numbers/import"));
    }

    @Test
    void a_whole_call_to_an_unproven_number_is_listed_and_diagnosed_as_number_not_proven() {
        salon.caller().call(CallScript.builder().build());

        var callId = (String) RelayFixture.call(salon.onlyCall()).get("id");
        CallVerdicts.listedUnder(salon.owner, callId, "number_not_proven");
        var diagnosis = CallVerdicts.diagnosis(salon.owner, callId);
        assertThat(diagnosis).containsEntry("verdict", "number_not_proven").containsEntry("stage", "number").containsEntry("problem", true)
                .containsEntry("detail", "the number is not proven: no Twilio account of this tenant (nor the platform's) was shown to hold it; "
                        + "import it with POST /api/v1/phone-numbers/import");
        assertThat(CallVerdicts.evidenceTypes(diagnosis)).containsExactly("call.refused");
    }

    @Test
    void once_imported_the_same_number_answers() {
        twilio.addNumber(PLATFORM_SID, salon.number);
        var id = salon.owner.get("/api/v1/phone-numbers").list().get(0).get("id");
        assertThat(salon.owner.delete("/api/v1/phone-numbers/" + id).status()).isEqualTo(204);
        var imported = salon.owner.post("/api/v1/phone-numbers/import", Map.of("number", salon.number, "assistantId", salon.assistantId));
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);

        var answer = salon.caller().postVoiceWebhook(salon.caller().voiceParameters("CA" + "f".repeat(32)));

        assertThat(TwimlDocument.parse(answer.body()).conversationRelay()).isPresent();
        assertThat(RelayFixture.eventTypes(salon.onlyCall())).doesNotContain("call.refused");
    }
}
