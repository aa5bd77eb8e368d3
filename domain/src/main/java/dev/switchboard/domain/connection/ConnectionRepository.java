package dev.switchboard.domain.connection;

import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/** Stores tenants' provider connections, one per provider. Secrets arrive and leave sealed. */
public interface ConnectionRepository {
    /** Inserts or replaces the tenant's connection for this provider. */
    void save(Connection connection);

    Optional<Connection> find(TenantId tenantId, Provider provider);

    List<Connection> list(TenantId tenantId);

    /** @return whether the tenant had it */
    boolean delete(TenantId tenantId, Provider provider);
}
