package dev.switchboard.domain.connection;

import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/** Stores tenants' provider connections, one per provider. Secrets arrive and leave sealed. */
public interface ConnectionRepository {
    /** Inserts or replaces the tenant's connection for this provider. */
    void save(Connection connection);

    Optional<Connection> find(TenantId tenantId, Provider provider);

    List<Connection> list(TenantId tenantId);

    /**
     * Every tenant's connection to {@code provider} whose setting {@code name} is {@code value} — the one
     * lookup across tenants, for telling whose carrier account a request came from (a Twilio webhook's
     * {@code AccountSid}) before any tenant is known. Callers must not show the result to a tenant.
     */
    List<Connection> findBySetting(Provider provider, String name, String value);

    /**
     * Every tenant's connections. For maintenance that spans tenants (re-sealing secrets after a
     * master-key change) and nothing else: never behind an API.
     */
    List<Connection> listAcrossTenants();

    /** @return whether the tenant had it */
    boolean delete(TenantId tenantId, Provider provider);
}
