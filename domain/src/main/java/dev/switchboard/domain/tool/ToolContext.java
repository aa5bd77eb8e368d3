package dev.switchboard.domain.tool;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.util.Objects;

/**
 * Where a tool runs: for which tenant, which assistant, and during which call ({@code null}
 * when run outside a call, e.g. from Vapi's tool webhook before the call is known).
 *
 * @param callerNumber the caller's number as the carrier gave it, when known
 */
public record ToolContext(TenantId tenantId, Assistant assistant, CallId callId, String callerNumber) {
    public ToolContext {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(assistant, "assistant");
    }
}
