package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioFault;
import dev.switchboard.testkit.twilio.TwilioRoute;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9 item 3: a Twilio connection is verified against Twilio (the testkit's fake REST API)
 * before it is stored; refused or unreachable, nothing is stored and the old connection stays.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioConnectionVerificationE2eTest implements TestPropertyProvider {
    private static final String SID = "AC" + "4".repeat(32);
    private static final String TOKEN = "right-token";

    private final FakeTwilioRest twilio = FakeTwilioRest.start();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.twilio.api-url", twilio.baseUrl(), "switchboard.twilio.verify-connections", "true",
                "switchboard.twilio.api-read-timeout", "1s", "switchboard.twilio.api-budget", "3s");
    }

    @BeforeEach
    void an_account_at_twilio() {
        twilio.reset();
        twilio.addAccount(SID, TOKEN);
        owner = new Api(server, json).newTenant("Salon");
    }

    @AfterAll
    void stop() {
        twilio.close();
    }

    private Api.Answer connect(String sid, String token) {
        return owner.put("/api/v1/connections/twilio", Map.of("accountSid", sid, "authToken", token));
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(Api.Answer answer) {
        return ((List<Map<String, Object>>) answer.json().get("errors")).stream().map(e -> (String) e.get("field")).toList();
    }

    @Test
    void credentials_twilio_accepts_are_stored_after_one_check_with_exactly_that_pair() {
        var answer = connect(SID, TOKEN);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(owner.get("/api/v1/connections/twilio").json()).containsEntry("settings", Map.of("accountSid", SID));
        var check = twilio.requests(TwilioRoute.FETCH_ACCOUNT);
        assertThat(check).hasSize(1);
        assertThat(check.get(0).method()).isEqualTo("GET");
        assertThat(check.get(0).path()).isEqualTo("/2010-04-01/Accounts/" + SID + ".json");
        assertThat(check.get(0).username()).isEqualTo(SID);
        assertThat(check.get(0).password()).isEqualTo(TOKEN);
    }

    @Test
    void a_token_twilio_refuses_is_400_naming_auth_token_and_the_previous_connection_stays() {
        assertThat(connect(SID, TOKEN).status()).isEqualTo(200);
        var before = owner.get("/api/v1/connections/twilio").json();

        var answer = connect(SID, "guessed-token");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer)).containsExactly("authToken");
        assertThat(answer.raw()).contains("20003").doesNotContain("guessed-token");
        assertThat(owner.get("/api/v1/connections/twilio").json()).isEqualTo(before);
    }

    @Test
    void an_account_twilio_does_not_know_is_refused_and_nothing_is_stored() {
        var answer = connect("AC" + "5".repeat(32), TOKEN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("authToken");
        assertThat(owner.get("/api/v1/connections/twilio").status()).isEqualTo(404);
    }

    @Test
    void a_suspended_account_is_400_naming_account_sid() {
        twilio.setAccountStatus(SID, "suspended");

        var answer = connect(SID, TOKEN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("accountSid");
        assertThat(answer.raw()).contains("suspended");
        assertThat(owner.get("/api/v1/connections/twilio").status()).isEqualTo(404);
    }

    @Test
    void twilio_failing_or_hanging_is_502_and_nothing_is_stored() {
        twilio.fail(TwilioRoute.FETCH_ACCOUNT, TwilioFault.error(500, 20500, "Internal Server Error"));
        var failed = connect(SID, TOKEN);
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.raw()).contains("nothing was stored");

        twilio.fail(TwilioRoute.FETCH_ACCOUNT, TwilioFault.hang(Duration.ofSeconds(30)));
        assertThat(connect(SID, TOKEN).status()).isEqualTo(502);
        twilio.clear();

        assertThat(owner.get("/api/v1/connections/twilio").status()).isEqualTo(404);
    }
}
