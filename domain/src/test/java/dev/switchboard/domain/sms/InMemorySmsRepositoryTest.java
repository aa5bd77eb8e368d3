package dev.switchboard.domain.sms;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemorySmsRepositoryTest extends SmsRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemorySmsRepository messages = new InMemorySmsRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected SmsRepository messages() {
        return messages;
    }

    @Override
    protected OptOuts optOuts() {
        return messages;
    }
}
