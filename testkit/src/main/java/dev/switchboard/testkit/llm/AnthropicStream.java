package dev.switchboard.testkit.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an Anthropic Messages SSE stream (PROTOCOLS.md §11.3): {@code message_start}, a
 * {@code ping}, one content block per {@link #text}/{@link #toolUse} call, then
 * {@code message_delta} with the stop reason and {@code message_stop}. Not thread-safe.
 */
public final class AnthropicStream {
    private final String model;
    private final List<String> body = new ArrayList<>();
    private int blocks;
    private boolean anyTool;
    private boolean endedByError;
    private String stopReason;

    private AnthropicStream(String model) {
        this.model = model;
    }

    public static AnthropicStream message(String model) {
        return new AnthropicStream(model);
    }

    /** One text block; each token becomes one {@code text_delta}. */
    public AnthropicStream text(String... tokens) {
        int index = blocks++;
        body.add(event("content_block_start", Map.of("type", "content_block_start", "index", index,
                "content_block", Map.of("type", "text", "text", ""))));
        for (var token : tokens) {
            body.add(event("content_block_delta", Map.of("type", "content_block_delta", "index", index,
                    "delta", Map.of("type", "text_delta", "text", token))));
        }
        body.add(event("content_block_stop", Map.of("type", "content_block_stop", "index", index)));
        return this;
    }

    /** One {@code tool_use} block whose input arrives as these {@code input_json_delta} fragments. */
    public AnthropicStream toolUse(String id, String name, String... partialJson) {
        int index = blocks++;
        anyTool = true;
        body.add(event("content_block_start", Map.of("type", "content_block_start", "index", index,
                "content_block", Map.of("type", "tool_use", "id", id, "name", name, "input", Map.of()))));
        for (var fragment : partialJson) {
            body.add(event("content_block_delta", Map.of("type", "content_block_delta", "index", index,
                    "delta", Map.of("type", "input_json_delta", "partial_json", fragment))));
        }
        body.add(event("content_block_stop", Map.of("type", "content_block_stop", "index", index)));
        return this;
    }

    public AnthropicStream ping() {
        body.add(event("ping", Map.of("type", "ping")));
        return this;
    }

    /** An {@code error} event mid-stream (after HTTP 200); the stream ends there. */
    public AnthropicStream error(String type, String message) {
        body.add(event("error", Map.of("type", "error", "error", Map.of("type", type, "message", message))));
        endedByError = true;
        return this;
    }

    /** Any text as one event, e.g. a malformed one. */
    public AnthropicStream raw(String frame) {
        body.add(frame);
        return this;
    }

    /** Overrides the stop reason ({@code tool_use} when a tool was used, else {@code end_turn}). */
    public AnthropicStream stopReason(String reason) {
        this.stopReason = reason;
        return this;
    }

    /** All events, in order. */
    public List<String> events() {
        var events = new ArrayList<String>();
        var message = new LinkedHashMap<String, Object>();
        message.put("id", "msg_fake01");
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.put("content", List.of());
        message.put("stop_reason", null);
        message.put("stop_sequence", null);
        message.put("usage", Map.of("input_tokens", 25, "output_tokens", 1));
        events.add(event("message_start", Map.of("type", "message_start", "message", message)));
        events.add(event("ping", Map.of("type", "ping")));
        events.addAll(body);
        if (endedByError) return events;
        var delta = new LinkedHashMap<String, Object>();
        delta.put("stop_reason", stopReason != null ? stopReason : anyTool ? "tool_use" : "end_turn");
        delta.put("stop_sequence", null);
        events.add(event("message_delta", Map.of("type", "message_delta", "delta", delta,
                "usage", Map.of("output_tokens", 12))));
        events.add(event("message_stop", Map.of("type", "message_stop")));
        return events;
    }

    /** The stream as an HTTP 200 answer. */
    public ScriptedResponse reply() {
        return ScriptedResponse.sse(events());
    }

    private static String event(String name, Object data) {
        return "event: " + name + "\ndata: " + ScriptedSseServer.json(data) + "\n\n";
    }
}
