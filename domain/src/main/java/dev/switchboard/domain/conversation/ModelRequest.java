package dev.switchboard.domain.conversation;

import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.ToolDefinition;
import java.util.List;
import java.util.Objects;

/**
 * One request for a streamed reply.
 *
 * @param tenantId whose credentials pay for it (the tenant's connection, else the platform's key)
 * @param settings provider, model, temperature and reply cap, as the assistant configured them
 * @param systemPrompt the assembled system prompt (assistant prompt + tenant facts + call context)
 * @param history the conversation so far, oldest first; ends with a caller turn or tool results
 * @param callId the call the reply is for, {@code null} outside a call; platform-key quotas count calls by it
 */
public record ModelRequest(TenantId tenantId, ModelSettings settings, String systemPrompt, List<ChatTurn> history,
                           List<ToolDefinition> tools, CallId callId) {
    public ModelRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        history = List.copyOf(history);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** A request outside any call. */
    public ModelRequest(TenantId tenantId, ModelSettings settings, String systemPrompt, List<ChatTurn> history,
                        List<ToolDefinition> tools) {
        this(tenantId, settings, systemPrompt, history, tools, null);
    }

    /** The same request for another provider, model or cap (a fallback, the platform's cap). */
    public ModelRequest withSettings(ModelSettings other) {
        return new ModelRequest(tenantId, other, systemPrompt, history, tools, callId);
    }
}
