package dev.switchboard.persistence.out;

import dev.switchboard.domain.sms.OptOuts;
import dev.switchboard.domain.sms.SmsRepository;
import dev.switchboard.domain.sms.SmsRepositoryContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresSmsRepositoryTest extends SmsRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresSmsRepository messages;
    @Inject
    PostgresOptOuts optOuts;

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
        return optOuts;
    }
}
