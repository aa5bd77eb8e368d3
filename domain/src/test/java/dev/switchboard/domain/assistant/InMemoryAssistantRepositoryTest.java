package dev.switchboard.domain.assistant;

import dev.switchboard.domain.phone.InMemoryPhoneNumberRepository;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryAssistantRepositoryTest extends AssistantRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryPhoneNumberRepository numbers = new InMemoryPhoneNumberRepository();
    private final InMemoryAssistantRepository assistants = new InMemoryAssistantRepository(numbers);

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected AssistantRepository assistants() {
        return assistants;
    }

    @Override
    protected PhoneNumberRepository phoneNumbers() {
        return numbers;
    }
}
