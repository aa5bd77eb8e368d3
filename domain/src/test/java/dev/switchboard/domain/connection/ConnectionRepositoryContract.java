package dev.switchboard.domain.connection;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.TenantRepository;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectionRepository} does. */
public abstract class ConnectionRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract ConnectionRepository connections();

    @Test
    void saves_replaces_lists_and_deletes_per_provider() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var twilio = new Connection(tenant.id(), Provider.TWILIO, Map.of("accountSid", "AC123"),
                Map.of("authToken", new SealedSecret("v1.abc")), T0);
        var vapi = new Connection(tenant.id(), Provider.VAPI, Map.of(),
                Map.of("apiKey", new SealedSecret("v1.k"), "webhookSecret", new SealedSecret("v1.s")), T0);
        connections().save(twilio);
        connections().save(vapi);
        var rotated = new Connection(tenant.id(), Provider.TWILIO, Map.of("accountSid", "AC123"),
                Map.of("authToken", new SealedSecret("v1.new")), T0.plusSeconds(5));
        connections().save(rotated);

        assertThat(connections().find(tenant.id(), Provider.TWILIO)).contains(rotated);
        assertThat(connections().list(tenant.id())).containsExactlyInAnyOrder(rotated, vapi);
        assertThat(connections().delete(tenant.id(), Provider.VAPI)).isTrue();
        assertThat(connections().list(tenant.id())).containsExactly(rotated);
    }

    @Test
    void another_tenant_neither_sees_nor_deletes_it() {
        var owner = Fixtures.tenant("Owner");
        var other = Fixtures.tenant("Other");
        tenants().save(owner);
        tenants().save(other);
        var twilio = new Connection(owner.id(), Provider.TWILIO, Map.of("accountSid", "AC1"),
                Map.of("authToken", new SealedSecret("v1.x")), T0);
        connections().save(twilio);
        assertThat(connections().find(other.id(), Provider.TWILIO)).isEmpty();
        assertThat(connections().list(other.id())).isEmpty();
        assertThat(connections().delete(other.id(), Provider.TWILIO)).isFalse();
        assertThat(connections().find(owner.id(), Provider.TWILIO)).contains(twilio);
    }

    @Test
    void finds_every_tenants_connection_with_a_setting_across_tenants() {
        var first = Fixtures.tenant("First");
        var second = Fixtures.tenant("Second");
        tenants().save(first);
        tenants().save(second);
        var sid = "AC" + java.util.UUID.randomUUID().toString().replace("-", "");
        var a = new Connection(first.id(), Provider.TWILIO, Map.of("accountSid", sid), Map.of("authToken", new SealedSecret("v1.a")), T0);
        var b = new Connection(second.id(), Provider.TWILIO, Map.of("accountSid", sid), Map.of("authToken", new SealedSecret("v1.b")), T0);
        connections().save(a);
        connections().save(b);
        connections().save(new Connection(second.id(), Provider.VAPI, Map.of("accountSid", sid), Map.of(), T0));

        assertThat(connections().findBySetting(Provider.TWILIO, "accountSid", sid)).containsExactlyInAnyOrder(a, b);
        assertThat(connections().findBySetting(Provider.TWILIO, "accountSid", sid + "0")).isEmpty();
    }
}
