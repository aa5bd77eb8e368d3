package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link TenantRepository} for domain tests; held to the same contract as PostgreSQL. */
public final class InMemoryTenantRepository implements TenantRepository {
    private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();

    @Override
    public void save(Tenant tenant) {
        tenants.merge(tenant.id(), tenant, (old, now) -> new Tenant(old.id(), now.name(), now.timezone(), old.createdAt()));
    }

    @Override
    public Optional<Tenant> findById(TenantId id) {
        return Optional.ofNullable(tenants.get(id));
    }

    @Override
    public long count() {
        return tenants.size();
    }
}
