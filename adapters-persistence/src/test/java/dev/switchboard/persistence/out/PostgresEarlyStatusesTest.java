package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.EarlyStatuses;
import dev.switchboard.domain.call.EarlyStatusesContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresEarlyStatusesTest extends EarlyStatusesContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;
    @Inject
    PostgresEarlyStatuses early;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected CallRepository calls() {
        return calls;
    }

    @Override
    protected EarlyStatuses early() {
        return early;
    }
}
