package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.TenantId;
import java.util.Optional;

/** Stores tenants. Implemented by the persistence adapter; contract in {@code TenantRepositoryContract}. */
public interface TenantRepository {
    /** Inserts the tenant, or updates its name and timezone if it exists. */
    void save(Tenant tenant);

    Optional<Tenant> findById(TenantId id);

    /** How many tenants exist; the app seeds a demo tenant when there are none. */
    long count();
}
