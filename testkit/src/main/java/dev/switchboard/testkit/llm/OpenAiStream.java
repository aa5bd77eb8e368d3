package dev.switchboard.testkit.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an OpenAI Chat Completions SSE stream (PROTOCOLS.md §11.5): {@code chat.completion.chunk}
 * objects as {@code data:} lines, a final chunk with {@code finish_reason}, then
 * {@code data: [DONE]}. Not thread-safe.
 */
public final class OpenAiStream {
    private final String model;
    private final List<String> body = new ArrayList<>();
    private int tools;
    private String finishReason;

    private OpenAiStream(String model) {
        this.model = model;
    }

    public static OpenAiStream completion(String model) {
        return new OpenAiStream(model);
    }

    /** Each token becomes one chunk with {@code delta.content}; the first also carries the role. */
    public OpenAiStream text(String... tokens) {
        for (var token : tokens) {
            var delta = new LinkedHashMap<String, Object>();
            if (body.isEmpty()) delta.put("role", "assistant");
            delta.put("content", token);
            body.add(chunk(delta, null));
        }
        return this;
    }

    /**
     * One tool call: a first chunk with {@code index}, {@code id}, {@code type} and
     * {@code function.name} (empty arguments), then one chunk per arguments fragment.
     */
    public OpenAiStream toolCall(String id, String name, String... argumentFragments) {
        int index = tools++;
        var first = new LinkedHashMap<String, Object>();
        if (body.isEmpty()) first.put("role", "assistant");
        first.put("tool_calls", List.of(Map.of("index", index, "id", id, "type", "function",
                "function", Map.of("name", name, "arguments", ""))));
        body.add(chunk(first, null));
        for (var fragment : argumentFragments) {
            body.add(chunk(Map.of("tool_calls", List.of(Map.of("index", index,
                    "function", Map.of("arguments", fragment)))), null));
        }
        return this;
    }

    /** Any text as one event, e.g. a malformed one. */
    public OpenAiStream raw(String frame) {
        body.add(frame);
        return this;
    }

    /** Overrides the finish reason ({@code tool_calls} when a tool was called, else {@code stop}). */
    public OpenAiStream finishReason(String reason) {
        this.finishReason = reason;
        return this;
    }

    /** All events, in order, ending with {@code data: [DONE]}. */
    public List<String> events() {
        var events = new ArrayList<>(body);
        events.add(chunk(Map.of(), finishReason != null ? finishReason : tools > 0 ? "tool_calls" : "stop"));
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** The stream as an HTTP 200 answer. */
    public ScriptedResponse reply() {
        return ScriptedResponse.sse(events());
    }

    private String chunk(Map<String, Object> delta, String finish) {
        var choice = new LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finish);
        var chunk = new LinkedHashMap<String, Object>();
        chunk.put("id", "chatcmpl-fake01");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1_700_000_000);
        chunk.put("model", model);
        chunk.put("system_fingerprint", "fp_fake");
        chunk.put("choices", List.of(choice));
        return "data: " + ScriptedSseServer.json(chunk) + "\n\n";
    }
}
