package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallSocketClaims;
import dev.switchboard.domain.call.CallSocketClaimsContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

@MicronautTest(transactional = false)
class PostgresCallSocketClaimsTest extends CallSocketClaimsContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;
    @Inject
    Database db;

    // Two instances share nothing but the database: each gets its own claims object.
    private final java.util.function.Supplier<CallSocketClaims> instance = () -> new PostgresCallSocketClaims(db);

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected CallRepository calls() {
        return calls;
    }

    @Override
    protected CallSocketClaims instanceA() {
        return instance.get();
    }

    @Override
    protected CallSocketClaims instanceB() {
        return instance.get();
    }
}
