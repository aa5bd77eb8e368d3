package dev.switchboard.persistence.out;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import dev.switchboard.domain.studio.VapiSyncStateRepositoryContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresVapiSyncStateRepositoryTest extends VapiSyncStateRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresAssistantRepository assistants;
    @Inject
    PostgresVapiSyncStateRepository states;

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
