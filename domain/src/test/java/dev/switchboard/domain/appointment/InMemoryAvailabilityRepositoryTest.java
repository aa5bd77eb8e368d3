package dev.switchboard.domain.appointment;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryAvailabilityRepositoryTest extends AvailabilityRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryAvailabilityRepository availability = new InMemoryAvailabilityRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected AvailabilityRepository availability() {
        return availability;
    }
}
