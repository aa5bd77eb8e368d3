package dev.switchboard.persistence.out;

import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.vapi.VapiMessageLedger;
import dev.switchboard.domain.vapi.VapiMessageLedgerContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresVapiMessageLedgerTest extends VapiMessageLedgerContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresVapiMessageLedger ledger;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected VapiMessageLedger ledger() {
        return ledger;
    }
}
