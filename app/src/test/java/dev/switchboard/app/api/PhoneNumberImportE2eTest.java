package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioRoute;
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
 * Issue 11, "Numbers, proven and configured", against the testkit's fake Twilio REST API: an
 * import is refused for a number the tenant's account does not hold, accepted and configured
 * otherwise; drift made in Twilio's console shows in a live read, and configure repairs it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneNumberImportE2eTest implements TestPropertyProvider {
    private static final String PUBLIC = "https://sb.example.com";
    private static final String VOICE = PUBLIC + "/webhooks/twilio/voice";
    private static final String STATUS = PUBLIC + "/webhooks/twilio/status";
    private static final String SMS = PUBLIC + "/webhooks/twilio/sms";

    private final FakeTwilioRest twilio = FakeTwilioRest.start();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;
    private String accountSid;
    private String e164;
    private String numberSid;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.twilio.api-url", twilio.baseUrl(), "switchboard.public-url", PUBLIC);
    }

    @BeforeEach
    void a_tenant_with_a_twilio_account_holding_a_number() {
        twilio.clear();
        accountSid = "AC" + java.util.UUID.randomUUID().toString().replace("-", "");
        twilio.addAccount(accountSid, "token-" + accountSid);
        e164 = Fixtures.randomE164();
        numberSid = twilio.addNumber(accountSid, e164);
        owner = new Api(server, json).newTenant("Salon");
        assertThat(owner.put("/api/v1/connections/twilio", Map.of("accountSid", accountSid, "authToken", "token-" + accountSid)).status())
                .isEqualTo(200);
    }

    @AfterAll
    void stop() {
        twilio.close();
    }

    @Test
    void a_number_the_account_does_not_hold_is_refused_and_nothing_is_stored_or_configured() {
        var answer = owner.post("/api/v1/phone-numbers/import", Map.of("number", Fixtures.randomE164()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.raw()).contains("\"field\":\"number\"");
        assertThat(owner.get("/api/v1/phone-numbers").list()).isEmpty();
        assertThat(twilio.requests(TwilioRoute.UPDATE_NUMBER)).isEmpty();
    }

    @Test
    void an_imported_number_is_stored_proven_and_its_webhooks_point_at_us() {
        var answer = owner.post("/api/v1/phone-numbers/import", Map.of("number", e164, "label", "Front desk"));

        assertThat(answer.status()).isEqualTo(201);
        var body = answer.json();
        assertThat(body).containsEntry("number", e164).containsEntry("twilioSid", numberSid).containsEntry("proven", true)
                .containsEntry("twilioAccountSid", accountSid).containsEntry("label", "Front desk");
        assertThat(body.get("twilio")).isEqualTo(Map.of("configured", true, "mismatches", List.of()));
        var update = twilio.requests(TwilioRoute.UPDATE_NUMBER);
        assertThat(update).hasSize(1);
        assertThat(update.get(0).username()).isEqualTo(accountSid);
        assertThat(update.get(0).form()).isEqualTo(Map.of("VoiceUrl", List.of(VOICE), "VoiceMethod", List.of("POST"),
                "VoiceApplicationSid", List.of(""), "StatusCallback", List.of(STATUS), "StatusCallbackMethod", List.of("POST"),
                "SmsUrl", List.of(SMS), "SmsMethod", List.of("POST"), "SmsApplicationSid", List.of("")));
        var atTwilio = twilio.number(numberSid);
        assertThat(atTwilio.path("voice_url").asText()).isEqualTo(VOICE);
        assertThat(atTwilio.path("status_callback").asText()).isEqualTo(STATUS);
        assertThat(atTwilio.path("sms_url").asText()).isEqualTo(SMS);
        assertThat(owner.get("/api/v1/phone-numbers/" + body.get("id")).json().get("twilio"))
                .isEqualTo(Map.of("configured", true, "mismatches", List.of()));
    }

    @Test
    void drift_in_twilios_console_shows_in_a_live_read_and_configure_repairs_it() {
        var id = owner.post("/api/v1/phone-numbers/import", Map.of("twilioSid", numberSid)).json().get("id");
        twilio.editNumber(numberSid, "voice_url", "https://someone-else.example.com/voice");

        @SuppressWarnings("unchecked")
        var drift = (Map<String, Object>) owner.get("/api/v1/phone-numbers/" + id).json().get("twilio");
        assertThat(drift).containsEntry("configured", false)
                .containsEntry("mismatches", List.of("VoiceUrl is https://someone-else.example.com/voice, not " + VOICE));

        var repaired = owner.post("/api/v1/phone-numbers/" + id + "/configure", null);
        assertThat(repaired.status()).isEqualTo(200);
        assertThat(repaired.json().get("twilio")).isEqualTo(Map.of("configured", true, "mismatches", List.of()));
        assertThat(twilio.number(numberSid).path("voice_url").asText()).isEqualTo(VOICE);
    }

    @Test
    void a_number_added_by_hand_is_unproven_and_the_api_says_so() {
        var id = owner.post("/api/v1/phone-numbers", Bodies.number(Fixtures.randomE164(), null))
                .json().get("id");

        var view = owner.get("/api/v1/phone-numbers/" + id).json();

        assertThat(view).containsEntry("proven", false);
        @SuppressWarnings("unchecked")
        var status = (Map<String, Object>) view.get("twilio");
        assertThat(status).doesNotContainKey("configured");
        assertThat((String) status.get("note")).startsWith("unproven");
        assertThat(owner.post("/api/v1/phone-numbers/" + id + "/configure", null).status()).isEqualTo(409);
    }

    @Test
    void without_any_twilio_credentials_nothing_can_be_imported() {
        var developer = new Api(server, json).newTenant("Developer");

        var answer = developer.post("/api/v1/phone-numbers/import", Map.of("number", e164));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.raw()).contains("development token");
        assertThat(developer.get("/api/v1/phone-numbers").list()).isEmpty();
    }
}
