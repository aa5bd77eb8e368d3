package dev.switchboard.domain.tenant;

class InMemoryUserRepositoryTest extends UserRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryUserRepository users = new InMemoryUserRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected UserRepository users() {
        return users;
    }
}
