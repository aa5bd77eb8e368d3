package dev.switchboard.domain.tenant;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.TenantId;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What every {@link TenantRepository} does; extended by the in-memory fake and PostgreSQL. */
public abstract class TenantRepositoryContract {
    protected abstract TenantRepository tenants();

    @Test
    void saves_and_finds_a_tenant() {
        var tenant = Fixtures.tenant("Salon Lumière");
        long before = tenants().count();
        tenants().save(tenant);
        assertThat(tenants().findById(tenant.id())).contains(tenant);
        assertThat(tenants().count()).isEqualTo(before + 1);
    }

    @Test
    void save_updates_name_and_timezone() {
        var tenant = Fixtures.tenant("Old name");
        tenants().save(tenant);
        var renamed = new Tenant(tenant.id(), "New name", ZoneId.of("America/Montreal"), T0);
        tenants().save(renamed);
        assertThat(tenants().findById(tenant.id())).contains(renamed);
    }

    @Test
    void unknown_tenant_is_not_found() {
        assertThat(tenants().findById(TenantId.random())).isEmpty();
    }
}
