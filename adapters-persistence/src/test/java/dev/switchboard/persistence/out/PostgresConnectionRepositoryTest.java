package dev.switchboard.persistence.out;

import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.ConnectionRepositoryContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresConnectionRepositoryTest extends ConnectionRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresConnectionRepository connections;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected ConnectionRepository connections() {
        return connections;
    }
}
