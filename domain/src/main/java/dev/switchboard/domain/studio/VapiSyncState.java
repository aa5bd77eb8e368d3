package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored outcome of an assistant's last sync or drift check.
 *
 * @param at when it was established
 * @param error what went wrong, naming the step; {@code null} when synced
 * @param vapiAssistantId Vapi's id for the assistant, once Vapi has created it (kept on failure,
 *     so the next sync updates that assistant instead of creating a second one)
 * @param configVersion our assistant's {@code updatedAt} at the time of the sync
 * @param configHash {@link SpecComparison#hash} of what was sent
 */
public record VapiSyncState(
        TenantId tenantId,
        AssistantId assistantId,
        SyncStatus status,
        Instant at,
        String error,
        String vapiAssistantId,
        String configVersion,
        String configHash) {

    public VapiSyncState {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(assistantId, "assistantId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }

    public VapiSyncState drifted(Instant when, String why) {
        return new VapiSyncState(tenantId, assistantId, SyncStatus.DRIFTED, when, why, vapiAssistantId, configVersion, configHash);
    }
}
