package dev.switchboard.domain.tenant;

class InMemoryTenantRepositoryTest extends TenantRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }
}
