package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.TenantId;
import java.util.Optional;

/** Stores each tenant's {@link AvailabilityRules}; contract in {@code AvailabilityRepositoryContract}. */
public interface AvailabilityRepository {
    /** The tenant's rules; empty until it has set some. */
    Optional<AvailabilityRules> find(TenantId tenantId);

    /** Replaces the tenant's rules. */
    void save(TenantId tenantId, AvailabilityRules rules);
}
