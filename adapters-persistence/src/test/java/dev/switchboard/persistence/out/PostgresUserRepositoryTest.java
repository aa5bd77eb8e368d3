package dev.switchboard.persistence.out;

import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tenant.UserRepository;
import dev.switchboard.domain.tenant.UserRepositoryContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresUserRepositoryTest extends UserRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresUserRepository users;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected UserRepository users() {
        return users;
    }
}
