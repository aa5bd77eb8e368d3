package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link AvailabilityRepository} for domain tests; held to the same contract as PostgreSQL. */
public final class InMemoryAvailabilityRepository implements AvailabilityRepository {
    private final Map<TenantId, AvailabilityRules> rules = new ConcurrentHashMap<>();

    @Override
    public Optional<AvailabilityRules> find(TenantId tenantId) {
        return Optional.ofNullable(rules.get(tenantId));
    }

    @Override
    public void save(TenantId tenantId, AvailabilityRules rules) {
        this.rules.put(tenantId, rules);
    }
}
