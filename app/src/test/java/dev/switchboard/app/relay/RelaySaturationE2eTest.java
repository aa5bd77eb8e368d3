package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.AgentTurn;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Relay calls on a saturated instance (issue 9 §5), end to end: with two call threads and no
 * queue ({@code switchboard.calls.turn-threads=2}, {@code turn-queue=0}), one call's turn holds a
 * thread while its model is slow (the fake holds every answer until the test opens a latch), and
 * a second call's prompt, handled on the other thread, cannot hand its turn to a thread: its
 * caller hears "One moment, please.", its timeline says {@code turn.delayed} then
 * {@code turn.resumed}, and its turn is answered once the model answers — nothing dropped. No
 * timing is asserted: the order comes from the latch.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelaySaturationE2eTest implements TestPropertyProvider {
    private static final FakeAnthropicServer CLAUDE = FakeAnthropicServer.start();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL,
                "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "switchboard.llm.anthropic.base-url", CLAUDE.baseUrl(),
                "switchboard.llm.anthropic.api-key", "sk-ant-platform",
                // The model is held as long as the test needs: no first-token timeout may answer for it meanwhile.
                "switchboard.llm.first-token-timeout", "120s",
                "switchboard.llm.total-timeout", "180s",
                "switchboard.calls.turn-threads", "2",
                "switchboard.calls.turn-queue", "0");
    }

    @BeforeEach
    void a_fresh_fake() {
        CLAUDE.reset();
    }

    @AfterEach
    void no_answer_held() {
        CLAUDE.holdAnswersUntil(null);
    }

    @AfterAll
    void stop_the_fake() {
        CLAUDE.close();
    }

    @Test
    void a_turn_that_must_wait_for_a_call_thread_hears_one_moment_please_and_is_answered_not_dropped() throws Exception {
        var busy = new RelayFixture(server, new Api(server, json), "anthropic", "en-US", List.of("end_call"));
        var waiting = new RelayFixture(server, new Api(server, json), "anthropic", "en-US", List.of("end_call"));
        CLAUDE.enqueueFor(busy.model, AnthropicStream.message("claude").text("Sure, ", "one second.").reply());
        CLAUDE.enqueueFor(waiting.model, AnthropicStream.message("claude").text("Of course.").reply());
        var slowModel = new CountDownLatch(1);
        CLAUDE.holdAnswersUntil(slowModel);

        try (var first = busy.caller().dial()) {
            // The first call's turn takes a call thread and keeps it while its model is held.
            var firstAnswer = CompletableFuture.supplyAsync(() -> untilAnswered(first, first.say("Can I book a haircut?")));
            await().atMost(WAIT).until(() -> CLAUDE.requests().stream().anyMatch(r -> busy.model.equals(r.body().get("model"))));
            var second = waiting.caller().dial();

            // The second call's turn finds no free thread: its caller is told to hold on, at once.
            var holding = second.say("Are you open tomorrow?");
            assertThat(holding.map(AgentTurn::text)).contains("One moment, please.");
            await().atMost(WAIT).until(() -> RelayFixture.eventTypes(waiting.onlyCall()).contains("turn.delayed"));

            slowModel.countDown();
            assertThat(firstAnswer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("Sure, one second.");
            // The delayed turn is answered once a thread is free: it was queued, not dropped.
            await().atMost(WAIT).until(() -> RelayFixture.transcript(waiting.onlyCall()).contains("agent: Of course."));
            var heard = second.hangUp().receivedFrames();
            // Said once, however many of the call's lanes had to wait (its frames, then its turn).
            assertThat(heard.stream().filter(f -> f.contains("One moment, please.")).count()).isEqualTo(1);
            assertThat(String.join("", heard)).contains("Of course.");
        }

        var delayed = waiting.onlyCall();
        assertThat(RelayFixture.eventTypes(delayed)).containsSubsequence("turn.delayed", "turn.resumed");
        assertThat(RelayFixture.transcript(delayed)).containsSubsequence("caller: Are you open tomorrow?", "agent: Of course.");
        assertThat(RelayFixture.transcript(busy.onlyCall())).containsSubsequence("caller: Can I book a haircut?", "agent: Sure, one second.");
    }


    /** The agent's first turn that is not the holding line (which a busy instance may say first); every turn before it was the holding line. */
    private static String untilAnswered(dev.switchboard.testkit.caller.LiveCall call, Optional<AgentTurn> turn) {
        for (int i = 0; i < 5 && turn.isPresent(); i++) {
            var text = turn.get().text();
            if (!text.equals("One moment, please.")) return text;
            turn = call.listen();
        }
        return turn.map(AgentTurn::text).orElse(null);
    }
}
