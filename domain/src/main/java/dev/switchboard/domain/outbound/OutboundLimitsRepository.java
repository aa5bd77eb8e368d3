package dev.switchboard.domain.outbound;

import dev.switchboard.domain.shared.TenantId;
import java.util.Optional;

/** Stores each tenant's {@link OutboundLimits}; a tenant that set none gets the platform's defaults. */
public interface OutboundLimitsRepository {
    /** The tenant's own limits, if it set any. */
    Optional<OutboundLimits> find(TenantId tenant);

    /** Inserts or replaces the tenant's limits. */
    void save(TenantId tenant, OutboundLimits limits);
}
