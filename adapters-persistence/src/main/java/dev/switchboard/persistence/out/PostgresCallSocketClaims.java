package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallSocketClaims;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;

/**
 * Socket claims in {@code call_socket_claims} (V24): one statement that inserts the claim only for
 * a call of that tenant and only once, so every instance sharing the database agrees.
 */
@Singleton
final class PostgresCallSocketClaims implements CallSocketClaims {
    private final Database db;

    PostgresCallSocketClaims(Database db) {
        this.db = db;
    }

    @Override
    public boolean claim(TenantId tenant, CallId call, String kind) {
        return db.recordUpdate("claim a call's socket", """
                INSERT INTO call_socket_claims (tenant_id, call_id, kind)
                SELECT tenant_id, id, ? FROM calls WHERE tenant_id = ? AND id = ?
                ON CONFLICT DO NOTHING""", ps -> {
            ps.setString(1, kind);
            ps.setObject(2, tenant.value());
            ps.setObject(3, call.value());
        }) == 1;
    }
}
