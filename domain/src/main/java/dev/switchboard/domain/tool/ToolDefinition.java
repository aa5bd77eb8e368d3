package dev.switchboard.domain.tool;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a model is told about a tool: its name, what it is for, and its parameters as a JSON
 * Schema object held as plain maps and lists (so the domain needs no JSON library). The same
 * definition serves every runtime: Anthropic/OpenAI function calling, Realtime, Vapi.
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public ToolDefinition {
        if (name == null || !NAME.matcher(name).matches()) throw new IllegalArgumentException("bad tool name: " + name);
        Objects.requireNonNull(description, "description");
        parameters = Map.copyOf(parameters);
    }
}
