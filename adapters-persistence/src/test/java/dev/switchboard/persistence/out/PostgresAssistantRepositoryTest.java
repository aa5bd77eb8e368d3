package dev.switchboard.persistence.out;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.AssistantRepositoryContract;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresAssistantRepositoryTest extends AssistantRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresAssistantRepository assistants;
    @Inject
    PostgresPhoneNumberRepository phoneNumbers;

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
        return phoneNumbers;
    }
}
