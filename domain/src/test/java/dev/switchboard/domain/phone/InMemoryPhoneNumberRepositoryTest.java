package dev.switchboard.domain.phone;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.InMemoryAssistantRepository;
import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryPhoneNumberRepositoryTest extends PhoneNumberRepositoryContract {
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
