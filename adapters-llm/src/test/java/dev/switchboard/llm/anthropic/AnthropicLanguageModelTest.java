package dev.switchboard.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.shared.PortFailure.Category;
import dev.switchboard.llm.ApiKeys;
import dev.switchboard.llm.LanguageModelContract;
import dev.switchboard.llm.ProviderModel;
import dev.switchboard.llm.config.AnthropicProperties;
import dev.switchboard.llm.streaming.ReplyStreams;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import dev.switchboard.testkit.llm.RecordedRequest;
import dev.switchboard.testkit.llm.ScriptedResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicLanguageModelTest extends LanguageModelContract {
    private final FakeAnthropicServer fake = FakeAnthropicServer.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected ProviderModel model(ApiKeys keys, ReplyStreams streams) {
        return new AnthropicLanguageModel(new AnthropicProperties(PLATFORM_KEY, fake.baseUrl()), keys, streams);
    }

    @Override
    protected String provider() {
        return "anthropic";
    }

    @Override
    protected Provider providerEnum() {
        return Provider.ANTHROPIC;
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
        var key = request.header("x-api-key");
        return key != null ? key : request.header("authorization").substring("Bearer ".length());
    }

    @Override
    protected ScriptedResponse text(String... tokens) {
        return AnthropicStream.message("model-x").text(tokens).reply();
    }

    @Override
    protected ScriptedResponse textThenTool(String text, String id, String name, String... fragments) {
        return AnthropicStream.message("model-x").text(text).toolUse(id, name, fragments).reply();
    }

    @Override
    protected ScriptedResponse error(int status) {
        var type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        return FakeAnthropicServer.error(status, type, "scripted " + status);
    }

    @Override
    protected int firstPiecesCarrying(ScriptedResponse response, int tokens) {
        return 3 + tokens; // message_start, ping, content_block_start, then one delta per token
    }

    @Override
    protected void assertSentHistory(RecordedRequest request) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.body()).isEqualTo(Map.of(
                "model", "model-x",
                "max_tokens", 300,
                "temperature", 0.5,
                "stream", true,
                "system", "You are Sam, the front desk of Acme Dental.",
                "messages", List.of(
                        Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "Friday at ten?"))),
                        Map.of("role", "assistant", "content", List.of(
                                Map.of("type", "text", "text", "Let me check."),
                                Map.of("type", "tool_use", "id", "call_1", "name", "check_availability",
                                        "input", Map.of("date", "2025-01-17")),
                                Map.of("type", "tool_use", "id", "call_2", "name", "book_slot",
                                        "input", Map.of("date", "2025-01-17", "time", "10:00")))),
                        Map.of("role", "user", "content", List.of(
                                Map.of("type", "tool_result", "tool_use_id", "call_1", "content", "{\"free\":[\"10:00\"]}",
                                        "is_error", false),
                                Map.of("type", "tool_result", "tool_use_id", "call_2", "content", "Calendar unavailable",
                                        "is_error", true)))),
                "tools", List.of(Map.of("name", "book_slot", "description", "Book an appointment slot.",
                        "input_schema", Map.of("type", "object",
                                "properties", Map.of("date", Map.of("type", "string", "description", "YYYY-MM-DD"),
                                        "time", Map.of("type", "string")),
                                "required", List.of("date", "time"))))));
    }

    @Test
    void anOverloadedErrorEventAfterStatus200IsUnavailable() {
        enqueue(AnthropicStream.message("model-x").text("Hm").error("overloaded_error", "Overloaded").reply());
        var heard = new CopyOnWriteArrayList<String>();

        assertFails(() -> ask(hello(), heard, new Cancellation()), Category.UNAVAILABLE);
        assertThat(heard).containsExactly("Hm");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aMalformedEventIsUnavailable() {
        enqueue(AnthropicStream.message("model-x")
                .raw("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\n\n")
                .reply());

        assertFails(() -> ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation()), Category.UNAVAILABLE);
    }

    @Test
    void anOverloaded529IsRetried() {
        enqueue(error(529), text("Here."));

        var reply = ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(reply.text()).isEqualTo("Here.");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void whenTheAgentSpokeFirstAUserTurnStandsInForTheCaller() {
        enqueue(text("Sure."));

        ask(request(List.of(new ChatTurn.AgentTurn("Acme Dental, Sam speaking.", List.of()),
                new ChatTurn.CallerTurn("Hi"), new ChatTurn.CallerTurn("I need a cleaning")), List.of()),
                new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(requests().get(0).body().get("messages")).isEqualTo(List.of(
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "[call connected]"))),
                Map.of("role", "assistant", "content", List.of(Map.of("type", "text", "text", "Acme Dental, Sam speaking."))),
                Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "Hi"),
                        Map.of("type", "text", "text", "I need a cleaning")))));
    }
}
