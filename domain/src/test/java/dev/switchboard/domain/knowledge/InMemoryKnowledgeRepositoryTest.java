package dev.switchboard.domain.knowledge;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryKnowledgeRepositoryTest extends KnowledgeRepositoryContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryKnowledgeRepository knowledge = new InMemoryKnowledgeRepository();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected KnowledgeRepository knowledge() {
        return knowledge;
    }
}
