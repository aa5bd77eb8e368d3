package dev.switchboard.domain.vapi;

import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.TenantRepository;

class InMemoryVapiMessageLedgerTest extends VapiMessageLedgerContract {
    private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    private final InMemoryVapiMessageLedger ledger = new InMemoryVapiMessageLedger();

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected VapiMessageLedger ledger() {
        return ledger;
    }
}
