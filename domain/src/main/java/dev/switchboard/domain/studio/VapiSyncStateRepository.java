package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores each assistant's Vapi sync state, one per assistant; deleting the assistant deletes
 * it. Tenant-scoped: another tenant's state is never found.
 */
public interface VapiSyncStateRepository {
    /** Inserts or replaces the state of this assistant. */
    void save(VapiSyncState state);

    Optional<VapiSyncState> find(TenantId tenantId, AssistantId assistantId);

    /** The tenant's states, by assistant id. */
    List<VapiSyncState> list(TenantId tenantId);

    /** Which of the tenant's assistants Vapi knows by this id. */
    Optional<VapiSyncState> findByVapiAssistantId(TenantId tenantId, String vapiAssistantId);
}
