package dev.switchboard.domain.tool;

import java.util.Map;
import java.util.Objects;

/**
 * A model asking to run a tool. {@code arguments} is the parsed JSON object the model produced
 * (strings, numbers, booleans, nested maps and lists); {@code id} pairs the call with its result.
 */
public record ToolCall(String id, String name, Map<String, Object> arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
    }
}
