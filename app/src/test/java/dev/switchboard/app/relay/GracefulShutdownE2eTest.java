package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.app.bootstrap.GracefulStop;
import dev.switchboard.domain.conversation.LiveCalls;
import dev.switchboard.testkit.caller.AgentTurn;
import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A SIGTERM's drain ({@link GracefulStop#drain}) with a caller mid-reply: the reply is spoken to
 * its last word, the session is then ended with an {@code end}, and the next call is refused with
 * a 503 so Twilio tries the number's fallback URL. Its own server: the drain is for good.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownE2eTest implements TestPropertyProvider {
    private static final FakeAnthropicServer CLAUDE = FakeAnthropicServer.start();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    GracefulStop stop;
    @Inject
    LiveCalls live;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL,
                "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "switchboard.llm.anthropic.base-url", CLAUDE.baseUrl(),
                "switchboard.llm.anthropic.api-key", "sk-ant-test",
                "switchboard.shutdown.grace-period", "30s");
    }

    @AfterAll
    void stop_the_fake() {
        CLAUDE.close();
    }

    @Test
    void a_drain_lets_the_reply_finish_then_ends_the_call_and_refuses_new_ones() throws Exception {
        var salon = new RelayFixture(server, new Api(server, json), "anthropic", "fr-FR", List.of("end_call"));
        CLAUDE.enqueueFor(salon.model, AnthropicStream.message("claude")
                .text("Nous avons ", "mardi à dix heures, ", "mercredi à quinze heures ", "et jeudi.").reply()
                .withPieceDelay(Duration.ofMillis(300)));
        var call = salon.caller().dial();
        CompletableFuture<Optional<AgentTurn>> turn = CompletableFuture.supplyAsync(() -> call.say("Quelles disponibilités ?"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !CLAUDE.requests().isEmpty());

        var drained = CompletableFuture.supplyAsync(stop::drain);

        var reply = turn.get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(reply.text()).isEqualTo("Nous avons mardi à dix heures, mercredi à quinze heures et jeudi.");
        assertThat(reply.ending()).isEqualTo(AgentTurn.Ending.LAST_TOKEN);
        assertThat(drained.get(30, TimeUnit.SECONDS)).isEqualTo(new LiveCalls.Drained(1, 0));
        call.awaitEnd(Duration.ofSeconds(10));
        CallResult ended = call.hangUp();
        assertThat(ended.handoffData()).hasValueSatisfying(data -> assertThat(data).contains("\"action\":\"shutdown\""));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(RelayFixture.eventTypes(salon.onlyCall())).containsSubsequence("agent.said", "conversation.ended"));

        var refused = salon.caller().call(CallScript.builder().say("Allô ?").hangUp().build());
        assertThat(refused.outcome()).isEqualTo(CallResult.Outcome.WEBHOOK_FAILED);
        assertThat(refused.voiceWebhook().status()).isEqualTo(503);
    }
}
