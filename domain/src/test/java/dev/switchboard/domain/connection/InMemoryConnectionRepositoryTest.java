package dev.switchboard.domain.connection;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryConnectionRepositoryTest extends ConnectionRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected ConnectionRepository connections() {
        return connections;
    }
}
