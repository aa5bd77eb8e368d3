package dev.switchboard.domain.assistant;

import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores assistants. Every method is scoped to a tenant: another tenant's assistant is not found,
 * never returned, changed or deleted.
 */
public interface AssistantRepository {
    /** Inserts the assistant, or replaces it if the tenant already has one with this id. */
    void save(Assistant assistant);

    Optional<Assistant> findById(TenantId tenantId, AssistantId id);

    /** The tenant's assistants, by name. */
    List<Assistant> list(TenantId tenantId);

    /**
     * Deletes the assistant; phone numbers attached to it are detached.
     *
     * @return whether the tenant had it
     */
    boolean delete(TenantId tenantId, AssistantId id);
}
