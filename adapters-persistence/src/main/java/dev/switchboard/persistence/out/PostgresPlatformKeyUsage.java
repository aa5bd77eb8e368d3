package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.conversation.PlatformKeyUsage;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.time.LocalDate;

/**
 * Platform-key use in {@code platform_key_days} (a row per tenant and UTC day) and
 * {@code platform_key_calls} (the decision for each call). Every count is one
 * {@code INSERT … ON CONFLICT DO UPDATE … RETURNING}: PostgreSQL serialises concurrent upserts of
 * a row, and the {@code WHERE} of the update makes "take a call if one is left" one atomic step,
 * so instances racing for the last call of the day cannot both get it.
 */
@Singleton
final class PostgresPlatformKeyUsage implements PlatformKeyUsage {
    private final Database db;

    PostgresPlatformKeyUsage(Database db) {
        this.db = db;
    }

    /**
     * Every call of a tenant updates the tenant's one day row, which stays locked until the
     * transaction has committed: a commit that waited for the disk (20-70 ms here) made every
     * admission and token count wait in line behind it, each holding a pooled connection, and at
     * 25 new stream calls a second the line held the whole pool (issue 10's profile: 1,322
     * admissions waiting 60 ms on average, webhooks and stream starts waiting for connections).
     * So these counts commit without waiting for the disk ({@link Database#record}): a crash of
     * PostgreSQL itself may forget the last few hundred milliseconds of them, which lets a day
     * overshoot its quota by those calls and tokens, as replies in flight already may.
     */
    @Override
    public boolean admitCall(TenantId tenant, CallId call, LocalDate day, int dailyCalls, long dailyTokens) {
        return db.record("count a call against the platform key's quota", c -> {
            // Claims the decision for this call; a second request of the same call waits here for
            // the first one's transaction and then reads its answer.
            var claimed = Database.update(c, "INSERT INTO platform_key_calls (call_id, tenant_id, day, admitted) VALUES (?, ?, ?, false) "
                    + "ON CONFLICT (call_id) DO NOTHING", ps -> {
                ps.setObject(1, call.value());
                ps.setObject(2, tenant.value());
                ps.setObject(3, day);
            });
            if (claimed == 0) {
                return Database.list(c, "SELECT admitted FROM platform_key_calls WHERE call_id = ? AND tenant_id = ?", ps -> {
                    ps.setObject(1, call.value());
                    ps.setObject(2, tenant.value());
                }, rs -> rs.getBoolean(1)).stream().findFirst().orElse(false);
            }
            boolean admitted = dailyCalls > 0 && dailyTokens > 0 && !Database.list(c,
                    "INSERT INTO platform_key_days AS d (tenant_id, day, calls, output_tokens) VALUES (?, ?, 1, 0) "
                            + "ON CONFLICT (tenant_id, day) DO UPDATE SET calls = d.calls + 1 "
                            + "WHERE d.calls < ? AND d.output_tokens < ? RETURNING d.calls", ps -> {
                        ps.setObject(1, tenant.value());
                        ps.setObject(2, day);
                        ps.setInt(3, dailyCalls);
                        ps.setLong(4, dailyTokens);
                    }, rs -> rs.getInt(1)).isEmpty();
            if (admitted) {
                Database.update(c, "UPDATE platform_key_calls SET admitted = true WHERE call_id = ?", ps -> ps.setObject(1, call.value()));
            }
            return admitted;
        });
    }

    @Override
    public long addOutputTokens(TenantId tenant, LocalDate day, long tokens) {
        if (tokens < 0) throw new IllegalArgumentException("tokens must be >= 0");
        return db.record("count platform-key output tokens", c -> Database.list(c,
                "INSERT INTO platform_key_days AS d (tenant_id, day, calls, output_tokens) VALUES (?, ?, 0, ?) "
                        + "ON CONFLICT (tenant_id, day) DO UPDATE SET output_tokens = d.output_tokens + EXCLUDED.output_tokens "
                        + "RETURNING d.output_tokens", ps -> {
                    ps.setObject(1, tenant.value());
                    ps.setObject(2, day);
                    ps.setLong(3, tokens);
                }, rs -> rs.getLong(1)).get(0));
    }

    @Override
    public Day day(TenantId tenant, LocalDate day) {
        return db.first("read platform-key use", "SELECT calls, output_tokens FROM platform_key_days WHERE tenant_id = ? AND day = ?",
                ps -> {
                    ps.setObject(1, tenant.value());
                    ps.setObject(2, day);
                }, rs -> new Day(rs.getInt(1), rs.getLong(2))).orElse(new Day(0, 0));
    }
}
