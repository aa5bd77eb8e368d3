package dev.switchboard.domain.connection;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tenant's credentials for one provider: plain settings plus sealed secrets.
 *
 * @param settings non-secret fields (shown back in the API)
 * @param secrets sealed secret fields (never shown back)
 */
public record Connection(TenantId tenantId, Provider provider, Map<String, String> settings, Map<String, SealedSecret> secrets, Instant updatedAt) {
    public Connection {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(provider, "provider");
        settings = Map.copyOf(new TreeMap<>(settings));
        secrets = Map.copyOf(new TreeMap<>(secrets));
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
