package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.sms.OptOuts;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Recipients who replied STOP, per tenant, in {@code sms_opt_outs} (V21). */
@Singleton
final class PostgresOptOuts implements OptOuts {
    private final Database db;

    PostgresOptOuts(Database db) {
        this.db = db;
    }

    @Override
    public void optOut(TenantId tenant, String number, Instant at) {
        db.update("record an SMS opt-out", "INSERT INTO sms_opt_outs (tenant_id, number, opted_out_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (tenant_id, number) DO NOTHING", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, number);
            Columns.setInstant(ps, 3, at);
        });
    }

    @Override
    public void optIn(TenantId tenant, String number) {
        db.update("remove an SMS opt-out", "DELETE FROM sms_opt_outs WHERE tenant_id = ? AND number = ?", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, number);
        });
    }

    @Override
    public boolean isOptedOut(TenantId tenant, String number) {
        return db.first("check an SMS opt-out", "SELECT 1 FROM sms_opt_outs WHERE tenant_id = ? AND number = ?", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, number);
        }, rs -> true).isPresent();
    }
}
