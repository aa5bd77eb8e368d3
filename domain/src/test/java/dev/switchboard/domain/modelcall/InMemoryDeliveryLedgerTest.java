package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryDeliveryLedgerTest extends DeliveryLedgerContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected DeliveryLedger ledger() {
        return ledger;
    }
}
