package dev.switchboard.persistence.out;

import dev.switchboard.domain.appointment.AvailabilityRepository;
import dev.switchboard.domain.appointment.AvailabilityRepositoryContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresAvailabilityRepositoryTest extends AvailabilityRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresAvailabilityRepository availability;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected AvailabilityRepository availability() {
        return availability;
    }
}
