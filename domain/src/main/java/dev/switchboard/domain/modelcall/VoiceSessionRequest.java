package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.ToolDefinition;
import java.util.List;
import java.util.Objects;

/**
 * What a speech-to-speech session is opened with.
 *
 * @param instructions the assembled system prompt (assistant prompt, business facts, local time, call context)
 * @param firstMessage what the agent says first; {@code null}: the model waits for the caller
 */
public record VoiceSessionRequest(TenantId tenant, String provider, String model, String voice, String language,
                                  String instructions, List<ToolDefinition> tools, String firstMessage, double temperature) {
    public VoiceSessionRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(instructions, "instructions");
        tools = List.copyOf(tools);
    }
}
