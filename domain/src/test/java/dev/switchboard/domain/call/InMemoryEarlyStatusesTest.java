package dev.switchboard.domain.call;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryEarlyStatusesTest extends EarlyStatusesContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final InMemoryEarlyStatuses early = new InMemoryEarlyStatuses(calls);

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
