package dev.switchboard.persistence.out;

import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tenant.TenantRepositoryContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresTenantRepositoryTest extends TenantRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }
}
