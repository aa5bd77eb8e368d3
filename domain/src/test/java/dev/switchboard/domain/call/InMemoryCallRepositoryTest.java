package dev.switchboard.domain.call;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryCallRepositoryTest extends CallRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryCallRepository calls = new InMemoryCallRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected CallRepository calls() {
        return calls;
    }
}
