package dev.switchboard.domain.conversation;

import dev.switchboard.domain.assistant.ModelSettings;
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
 */
public record ModelRequest(TenantId tenantId, ModelSettings settings, String systemPrompt, List<ChatTurn> history,
                           List<ToolDefinition> tools) {
    public ModelRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        history = List.copyOf(history);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
