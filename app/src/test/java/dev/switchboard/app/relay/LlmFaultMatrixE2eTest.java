package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.AgentTurn;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import dev.switchboard.testkit.llm.FakeOpenAiServer;
import dev.switchboard.testkit.llm.OpenAiStream;
import dev.switchboard.testkit.llm.ScriptedResponse;
import dev.switchboard.testkit.llm.ScriptedSseServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix for language models during a live relay call: each provider's fake answers one
 * turn with a fault (429, 5xx, no first byte in time, a stream cut, stalled, broken or carrying an
 * error event), then the next turn normally. For every fault the caller hears something on the
 * faulty turn (never silence), the call goes on to the next answer, the transcript keeps every
 * line the caller said, and the fault is on the call's timeline as an {@code error} event.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmFaultMatrixE2eTest implements TestPropertyProvider {
    private static final FakeAnthropicServer CLAUDE = FakeAnthropicServer.start();
    private static final FakeOpenAiServer GPT = FakeOpenAiServer.start();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL,
                "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "switchboard.llm.anthropic.base-url", CLAUDE.baseUrl(),
                "switchboard.llm.anthropic.api-key", "sk-ant-test",
                "switchboard.llm.openai.base-url", GPT.baseUrl(),
                "switchboard.llm.openai.api-key", "sk-openai-test",
                // Long enough that a loaded machine never trips it by accident (at 3 s a fake starved of CPU
                // did); the delays and stalls below outlast it.
                "switchboard.llm.first-token-timeout", "6s",
                "switchboard.llm.max-attempts", "2",
                "switchboard.llm.initial-backoff", "10ms");
    }

    @AfterAll
    void stop_the_fakes() {
        CLAUDE.close();
        GPT.close();
    }

    @BeforeEach
    void clean_fakes() {
        CLAUDE.reset();
        GPT.reset();
    }

    /** A provider's fake and its wire format, so one fault table serves both. */
    enum Provider {
        ANTHROPIC("anthropic") {
            @Override
            ScriptedResponse says(String... tokens) {
                return AnthropicStream.message("claude").text(tokens).reply();
            }

            @Override
            ScriptedResponse error(int status) {
                return FakeAnthropicServer.error(status, status == 429 ? "rate_limit_error" : "overloaded_error", "fault " + status);
            }

            @Override
            ScriptedResponse brokenFrame() {
                return AnthropicStream.message("claude").text("Je ").raw("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\n\n").reply();
            }

            @Override
            ScriptedResponse errorEvent() {
                return AnthropicStream.message("claude").text("Un ").error("overloaded_error", "Overloaded").reply();
            }

            @Override
            void enqueue(String model, ScriptedResponse... responses) {
                CLAUDE.enqueueFor(model, responses);
            }
        },
        OPENAI("openai") {
            @Override
            ScriptedResponse says(String... tokens) {
                return OpenAiStream.completion("gpt").text(tokens).reply();
            }

            @Override
            ScriptedResponse error(int status) {
                return FakeOpenAiServer.error(status, status == 429 ? "requests" : "server_error", "fault " + status,
                        status == 429 ? "rate_limit_exceeded" : null);
            }

            @Override
            ScriptedResponse brokenFrame() {
                return OpenAiStream.completion("gpt").text("Je ").raw("data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\n\n").reply();
            }

            @Override
            ScriptedResponse errorEvent() {
                return OpenAiStream.completion("gpt").text("Un ").raw("data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n").reply();
            }

            @Override
            void enqueue(String model, ScriptedResponse... responses) {
                GPT.enqueueFor(model, responses);
            }
        };

        final String name;

        Provider(String name) {
            this.name = name;
        }

        abstract ScriptedResponse says(String... tokens);

        abstract ScriptedResponse error(int status);

        /** A stream whose next frame is cut in the middle of its JSON. */
        abstract ScriptedResponse brokenFrame();

        /** A stream that starts, then reports an error in-band. */
        abstract ScriptedResponse errorEvent();

        abstract void enqueue(String model, ScriptedResponse... responses);

        void reset() {
            fake().reset();
        }

        List<String> requests() {
            return fake().requests().stream().map(r -> r.method() + " " + r.path() + " " + r.body().get("model")).toList();
        }

        private ScriptedSseServer fake() {
            return this == ANTHROPIC ? CLAUDE : GPT;
        }
    }

    /** One fault: what the fake answers for every attempt of the faulty turn. */
    record Fault(String name, Function<Provider, ScriptedResponse[]> answers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> matrix() {
        var faults = List.of(
                new Fault("429 on every attempt", p -> new ScriptedResponse[] {p.error(429).withHeader("retry-after", "0"),
                        p.error(429).withHeader("retry-after", "0")}),
                new Fault("500 on every attempt", p -> new ScriptedResponse[] {p.error(500), p.error(500)}),
                new Fault("503 then 529", p -> new ScriptedResponse[] {p.error(503), p.error(529)}),
                new Fault("no first byte in time", p -> new ScriptedResponse[] {p.says("trop tard").withFirstByteDelay(Duration.ofSeconds(15)),
                        p.says("trop tard").withFirstByteDelay(Duration.ofSeconds(15))}),
                new Fault("stream cut after the first token", p -> new ScriptedResponse[] {cutShort(p.says("Un ", "instant ", "s'il vous plaît."))}),
                new Fault("stream stalled after the first token", p -> new ScriptedResponse[] {stalled(p.says("Un ", "instant ", "s'il vous plaît."))}),
                new Fault("a frame of broken JSON", p -> new ScriptedResponse[] {p.brokenFrame()}),
                new Fault("an error event mid-stream", p -> new ScriptedResponse[] {p.errorEvent()}),
                new Fault("a 200 that is not a stream", p -> new ScriptedResponse[] {ScriptedResponse.json(200, "<html>gateway</html>")}));
        return Stream.of(Provider.values()).flatMap(p -> faults.stream().map(f -> Arguments.of(p, f)));
    }

    /** The stream with its last four events (the last token, the end of the message) never sent: the connection drops. */
    private static ScriptedResponse cutShort(ScriptedResponse stream) {
        return stream.disconnectingAfter(stream.pieces().size() - 4);
    }

    /** The same, but the connection stays open and silent. */
    private static ScriptedResponse stalled(ScriptedResponse stream) {
        return stream.stallingAfter(stream.pieces().size() - 4);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void the_caller_hears_something_the_call_goes_on_and_the_fault_is_on_the_timeline(Provider provider, Fault fault) {
        var salon = new RelayFixture(server, new Api(server, json), provider.name, "fr-FR", List.of("end_call"));
        provider.enqueue(salon.model, fault.answers().apply(provider));
        var live = salon.caller().dial();

        var faulty = live.say("Quels sont vos horaires ?");

        assertThat(faulty.map(AgentTurn::text)).as("what the caller heard on the faulty turn (empty: silence)")
                .hasValueSatisfying(text -> assertThat(text).isNotBlank());
        // Whatever the retry policy left unconsumed is dropped: the next turn gets a healthy model.
        provider.reset();
        provider.enqueue(salon.model, provider.says("Oui, ", "je vous entends."));
        var next = live.say("Vous êtes là ?").map(AgentTurn::text);
        assertThat(next).as("the call goes on; the model saw %s; timeline %s", provider.requests(), salon.onlyCall().get("timeline"))
                .contains("Oui, je vous entends.");
        live.hangUp();

        var detail = salon.onlyCall();
        assertThat(RelayFixture.transcript(detail)).contains("caller: Quels sont vos horaires ?", "caller: Vous êtes là ?",
                "agent: Oui, je vous entends.");
        assertThat(RelayFixture.eventTypes(detail)).as("the fault is on the timeline").contains("error");
        assertThat(RelayFixture.call(detail)).containsEntry("status", "completed");
    }
}
