package dev.switchboard.domain.appointment;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryAppointmentRepositoryTest extends AppointmentRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryAppointmentRepository appointments = new InMemoryAppointmentRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected AppointmentRepository appointments() {
        return appointments;
    }
}
