package dev.switchboard.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelReply.StopReason;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.PortFailure.Category;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.llm.ApiKeys;
import dev.switchboard.llm.LanguageModelContract;
import dev.switchboard.llm.ProviderModel;
import dev.switchboard.llm.config.OpenAiProperties;
import dev.switchboard.llm.streaming.ReplyStreams;
import dev.switchboard.testkit.llm.FakeOpenAiServer;
import dev.switchboard.testkit.llm.OpenAiStream;
import dev.switchboard.testkit.llm.RecordedRequest;
import dev.switchboard.testkit.llm.ScriptedResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiLanguageModelTest extends LanguageModelContract {
    private final FakeOpenAiServer fake = FakeOpenAiServer.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected ProviderModel model(ApiKeys keys, ReplyStreams streams) {
        return new OpenAiLanguageModel(new OpenAiProperties(PLATFORM_KEY, fake.baseUrl()), keys, streams);
    }

    @Override
    protected String provider() {
        return "openai";
    }

    @Override
    protected Provider providerEnum() {
        return Provider.OPENAI;
    }

    @Override
    protected void enqueue(ScriptedResponse... responses) {
        fake.enqueue(responses);
    }

    @Override
    protected List<RecordedRequest> requests() {
        return fake.requests();
    }

    @Override
    protected String keyOf(RecordedRequest request) {
        return request.header("authorization").substring("Bearer ".length());
    }

    @Override
    protected ScriptedResponse text(String... tokens) {
        return OpenAiStream.completion("model-x").text(tokens).reply();
    }

    @Override
    protected ScriptedResponse textThenTool(String text, String id, String name, String... fragments) {
        return OpenAiStream.completion("model-x").text(text).toolCall(id, name, fragments).reply();
    }

    @Override
    protected ScriptedResponse error(int status) {
        var type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> "server_error";
        };
        return FakeOpenAiServer.error(status, type, "scripted " + status, type);
    }

    @Override
    protected int firstPiecesCarrying(ScriptedResponse response, int tokens) {
        return tokens; // one chunk per token
    }

    @Override
    protected void assertSentHistory(RecordedRequest request) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.body()).isEqualTo(Map.of(
                "model", "model-x",
                "max_completion_tokens", 300,
                "temperature", 0.5,
                "stream", true,
                "messages", List.of(
                        Map.of("role", "system", "content", "You are Sam, the front desk of Acme Dental."),
                        Map.of("role", "user", "content", "Friday at ten?"),
                        Map.of("role", "assistant", "content", "Let me check.", "tool_calls", List.of(
                                Map.of("id", "call_1", "type", "function", "function",
                                        Map.of("name", "check_availability", "arguments", "{\"date\":\"2025-01-17\"}")),
                                Map.of("id", "call_2", "type", "function", "function",
                                        Map.of("name", "book_slot", "arguments", "{\"date\":\"2025-01-17\",\"time\":\"10:00\"}")))),
                        Map.of("role", "tool", "tool_call_id", "call_1", "content", "{\"free\":[\"10:00\"]}"),
                        Map.of("role", "tool", "tool_call_id", "call_2", "content", "ERROR: Calendar unavailable")),
                "tools", List.of(Map.of("type", "function", "function", Map.of(
                        "name", "book_slot", "description", "Book an appointment slot.",
                        "parameters", Map.of("type", "object",
                                "properties", Map.of("date", Map.of("type", "string", "description", "YYYY-MM-DD"),
                                        "time", Map.of("type", "string")),
                                "required", List.of("date", "time")))))));
    }

    @Test
    void parallelToolCallsAreAssembledByIndex() {
        enqueue(OpenAiStream.completion("model-x")
                .toolCall("call_a", "check_availability", "{\"date\":", "\"2025-01-17\"}")
                .toolCall("call_b", "search_knowledge", "{\"query\":\"par", "king\"}")
                .reply());

        var reply = ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply("", List.of(
                new ToolCall("call_a", "check_availability", Map.of("date", "2025-01-17")),
                new ToolCall("call_b", "search_knowledge", Map.of("query", "parking"))), StopReason.TOOL_USE));
    }

    @Test
    void aKeyEchoedInAnErrorNeverReachesTheFailureMessage() {
        enqueue(FakeOpenAiServer.error(401, "invalid_request_error", "Incorrect API key provided: " + PLATFORM_KEY, "invalid_api_key"));

        assertThatThrownBy(() -> ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation()))
                .isInstanceOfSatisfying(PortFailure.class, failure -> {
                    assertThat(failure.category()).isEqualTo(Category.REJECTED_CREDENTIALS);
                    assertThat(failure.getMessage()).doesNotContain(PLATFORM_KEY).contains("invalid_api_key");
                });
    }

    @Test
    void aLengthFinishIsMaxTokens() {
        enqueue(OpenAiStream.completion("model-x").text("Our opening hours are").finishReason("length").reply());

        var reply = ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply("Our opening hours are", List.of(), StopReason.MAX_TOKENS));
    }

    @Test
    void aMalformedChunkIsUnavailable() {
        enqueue(OpenAiStream.completion("model-x").raw("data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":\n\n").reply());

        assertFails(() -> ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation()), Category.UNAVAILABLE);
    }

    @Test
    void anEmptyAgentTurnIsLeftOut() {
        enqueue(text("Yes?"));

        ask(request(List.of(new ChatTurn.CallerTurn("Hello?"), new ChatTurn.AgentTurn("", List.of()),
                new ChatTurn.CallerTurn("Anyone there?")), List.of()), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(requests().get(0).body().get("messages")).isEqualTo(List.of(
                Map.of("role", "system", "content", "You are Sam, the front desk of Acme Dental."),
                Map.of("role", "user", "content", "Hello?"),
                Map.of("role", "user", "content", "Anyone there?")));
    }
}
