package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallRepositoryContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresCallRepositoryTest extends CallRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected CallRepository calls() {
        return calls;
    }
}
