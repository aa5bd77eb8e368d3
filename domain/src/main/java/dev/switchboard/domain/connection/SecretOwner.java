package dev.switchboard.domain.connection;

import dev.switchboard.domain.shared.TenantId;
import java.util.Objects;

/**
 * Whose secret a sealed value is: a tenant, a provider, a field. A {@link SecretVault} binds it to
 * the ciphertext, so a value copied to another tenant's row, another provider or another field
 * no longer opens.
 */
public record SecretOwner(TenantId tenantId, Provider provider, String field) {
    public SecretOwner {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(provider, "provider");
        if (field == null || field.isBlank()) throw new IllegalArgumentException("field is required");
    }

    public static SecretOwner of(Connection connection, String field) {
        return new SecretOwner(connection.tenantId(), connection.provider(), field);
    }
}
