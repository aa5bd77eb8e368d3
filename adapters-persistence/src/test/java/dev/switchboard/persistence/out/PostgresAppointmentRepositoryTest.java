package dev.switchboard.persistence.out;

import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.appointment.AppointmentRepositoryContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresAppointmentRepositoryTest extends AppointmentRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresAppointmentRepository appointments;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected AppointmentRepository appointments() {
        return appointments;
    }
}
