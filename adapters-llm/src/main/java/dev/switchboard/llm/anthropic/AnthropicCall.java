package dev.switchboard.llm.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.switchboard.domain.conversation.ModelReply.StopReason;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.llm.streaming.AttemptFailure;
import dev.switchboard.llm.streaming.ProviderCall;
import dev.switchboard.llm.streaming.StreamPiece;
import dev.switchboard.llm.streaming.ToolArguments;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One streamed Messages request: text deltas go out as they come; a {@code tool_use} block's
 * {@code input_json_delta} fragments are joined and parsed at its {@code content_block_stop};
 * {@code message_stop} ends the reply with the stop reason {@code message_delta} carried.
 */
final class AnthropicCall implements ProviderCall {
    private record PartialTool(String id, String name, StringBuilder json) {}

    private final AnthropicClient client;
    private final MessageCreateParams params;
    private final String apiKey;
    private final Map<Long, PartialTool> tools = new HashMap<>();
    private volatile StreamResponse<RawMessageStreamEvent> response;
    private volatile boolean aborted;
    private StopReason stopReason = StopReason.END_TURN;

    AnthropicCall(AnthropicClient client, MessageCreateParams params, String apiKey) {
        this.client = client;
        this.params = params;
        this.apiKey = apiKey;
    }

    @Override
    public void stream(Consumer<StreamPiece> sink) {
        try {
            var opened = client.messages().createStreaming(params);
            response = opened;
            try (opened) {
                if (aborted) return;
                opened.stream().forEach(event -> accept(event, sink));
            }
        } catch (AttemptFailure failure) {
            throw failure;
        } catch (RuntimeException error) {
            throw AnthropicFailures.map(error, apiKey);
        }
    }

    private void accept(RawMessageStreamEvent event, Consumer<StreamPiece> sink) {
        event.contentBlockStart().ifPresent(start -> start.contentBlock().toolUse().ifPresent(tool -> {
            tools.put(start.index(), new PartialTool(tool.id(), tool.name(), new StringBuilder()));
            sink.accept(new StreamPiece.Started());
        }));
        event.contentBlockDelta().ifPresent(delta -> {
            delta.delta().text().map(t -> t.text()).filter(t -> !t.isEmpty())
                    .ifPresent(text -> sink.accept(new StreamPiece.Text(text)));
            delta.delta().inputJson().ifPresent(json -> {
                var tool = tools.get(delta.index());
                if (tool != null) tool.json().append(json.partialJson());
            });
        });
        event.contentBlockStop().ifPresent(stop -> {
            var tool = tools.remove(stop.index());
            if (tool == null) return;
            var arguments = ToolArguments.parse(AnthropicLanguageModel.PROVIDER, tool.name(), tool.json().toString());
            sink.accept(new StreamPiece.ToolUse(new ToolCall(tool.id(), tool.name(), arguments)));
        });
        event.messageDelta().ifPresent(delta -> delta.delta().stopReason()
                .ifPresent(reason -> stopReason = stopReason(reason.asString())));
        if (event.isMessageStop()) sink.accept(new StreamPiece.Finished(stopReason));
    }

    private static StopReason stopReason(String wire) {
        return switch (wire) {
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            default -> StopReason.END_TURN; // end_turn, stop_sequence, pause_turn, refusal
        };
    }

    @Override
    public void abort() {
        aborted = true;
        var opened = response;
        if (opened != null) opened.close();
    }
}
