package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.InMemoryAssistantRepository;
import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryVapiSyncStateRepositoryTest extends VapiSyncStateRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryAssistantRepository assistants = new InMemoryAssistantRepository(new dev.switchboard.domain.phone.InMemoryPhoneNumberRepository());
    private final InMemoryVapiSyncStateRepository states = new InMemoryVapiSyncStateRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected AssistantRepository assistants() {
        return assistants;
    }

    @Override
    protected VapiSyncStateRepository states() {
        return states;
    }
}
