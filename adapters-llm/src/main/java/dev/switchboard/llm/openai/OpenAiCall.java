package dev.switchboard.llm.openai;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.domain.conversation.ModelReply.StopReason;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.llm.streaming.AttemptFailure;
import dev.switchboard.llm.streaming.ProviderCall;
import dev.switchboard.llm.streaming.StreamPiece;
import dev.switchboard.llm.streaming.ToolArguments;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One streamed Chat Completions request: {@code delta.content} goes out as it comes; tool-call
 * deltas are gathered by {@code index} (id and name on the first, argument fragments after) and
 * parsed when the choice's {@code finish_reason} arrives, which ends the reply.
 *
 * <p>Aborting only raises a flag: this SDK's response body drains on close, which blocks and
 * breaks when another thread is reading it. The reading thread stops at the next chunk (or at
 * the read timeout when the stream stalls) and closes the response itself; the caller has long
 * returned by then.
 */
final class OpenAiCall implements ProviderCall {
    private static final class PartialTool {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    private final OpenAIClient client;
    private final ChatCompletionCreateParams params;
    private final String apiKey;
    private final Map<Long, PartialTool> tools = new TreeMap<>();
    private volatile boolean aborted;

    OpenAiCall(OpenAIClient client, ChatCompletionCreateParams params, String apiKey) {
        this.client = client;
        this.params = params;
        this.apiKey = apiKey;
    }

    @Override
    public void stream(Consumer<StreamPiece> sink) {
        try {
            try (var opened = client.chat().completions().createStreaming(params)) {
                opened.stream().takeWhile(chunk -> !aborted).forEach(chunk -> accept(chunk, sink));
            }
        } catch (AttemptFailure failure) {
            throw failure;
        } catch (RuntimeException error) {
            throw OpenAiFailures.map(error, apiKey);
        }
    }

    private void accept(ChatCompletionChunk chunk, Consumer<StreamPiece> sink) {
        for (var choice : chunk.choices()) {
            if (choice.index() != 0) continue; // we never ask for n > 1
            var delta = choice.delta();
            delta.content().filter(text -> !text.isEmpty()).ifPresent(text -> sink.accept(new StreamPiece.Text(text)));
            delta.toolCalls().ifPresent(calls -> calls.forEach(call -> {
                var tool = tools.get(call.index());
                if (tool == null) {
                    tool = new PartialTool();
                    tools.put(call.index(), tool);
                    sink.accept(new StreamPiece.Started());
                }
                var partial = tool;
                call.id().ifPresent(id -> partial.id = id);
                call.function().ifPresent(function -> {
                    function.name().ifPresent(name -> partial.name = name);
                    function.arguments().ifPresent(partial.arguments::append);
                });
            }));
            choice.finishReason().ifPresent(reason -> finish(reason.asString(), sink));
        }
    }

    private void finish(String reason, Consumer<StreamPiece> sink) {
        for (var tool : tools.values()) {
            var arguments = ToolArguments.parse(OpenAiLanguageModel.PROVIDER, tool.name, tool.arguments.toString());
            sink.accept(new StreamPiece.ToolUse(new ToolCall(tool.id, tool.name, arguments)));
        }
        tools.clear();
        sink.accept(new StreamPiece.Finished(switch (reason) {
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            default -> StopReason.END_TURN; // stop, content_filter
        }));
    }

    @Override
    public void abort() {
        aborted = true;
    }
}
