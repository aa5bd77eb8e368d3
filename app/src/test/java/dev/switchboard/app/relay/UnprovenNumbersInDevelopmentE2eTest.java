package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.TwimlDocument;
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
 * Issue 11: with the development token only (no Twilio account SID, as in the demo), nothing can
 * be proven, so a number added by hand takes calls — and the API says it is unproven, and why.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnprovenNumbersInDevelopmentE2eTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL, "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN);
    }

    @Test
    void an_unproven_number_answers_and_the_api_says_it_is_unproven_and_why() {
        var salon = new RelayFixture(server, new Api(server, json), "offline", "en-US", List.of());

        var answer = salon.caller().postVoiceWebhook(salon.caller().voiceParameters("CA" + "c".repeat(32)));

        assertThat(TwimlDocument.parse(answer.body()).conversationRelay()).isPresent();
        var listed = salon.owner.get("/api/v1/phone-numbers").list().get(0);
        assertThat(listed).containsEntry("proven", false);
        assertThat(salon.owner.get("/api/v1/phone-numbers/" + listed.get("id")).json()).containsEntry("proven", false)
                .containsEntry("twilio", Map.of("mismatches", List.of(),
                        "note", "unproven: no Twilio credentials are set (development token), so the number works without proof"));
    }
}
