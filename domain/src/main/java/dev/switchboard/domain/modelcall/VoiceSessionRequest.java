package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.ToolDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What a speech-to-speech session is opened with.
 *
 * @param instructions the assembled system prompt (assistant prompt, business facts, local time, call context)
 * @param firstMessage what the agent says first; {@code null}: the model waits for the caller
 * @param audioThread the caller line's own thread ({@link CallerLine#audioThread}), where a model
 *     that can may run its socket so audio passes between the two without changing threads; empty: anywhere
 */
public record VoiceSessionRequest(TenantId tenant, String provider, String model, String voice, String language,
                                  String instructions, List<ToolDefinition> tools, String firstMessage, double temperature,
                                  Optional<Executor> audioThread) {
    public VoiceSessionRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(instructions, "instructions");
        tools = List.copyOf(tools);
        Objects.requireNonNull(audioThread, "audioThread");
    }

    /** A request with no preference for the model's thread. */
    public VoiceSessionRequest(TenantId tenant, String provider, String model, String voice, String language,
                               String instructions, List<ToolDefinition> tools, String firstMessage, double temperature) {
        this(tenant, provider, model, voice, language, instructions, tools, firstMessage, temperature, Optional.empty());
    }
}
