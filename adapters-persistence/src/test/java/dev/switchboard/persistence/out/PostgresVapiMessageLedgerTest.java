package dev.switchboard.persistence.out;

import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.modelcall.DeliveryLedger;
import dev.switchboard.domain.modelcall.DeliveryLedgerContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresVapiMessageLedgerTest extends DeliveryLedgerContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresVapiMessageLedger ledger;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }
}
