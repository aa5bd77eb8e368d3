package dev.switchboard.persistence.out;

import dev.switchboard.domain.outbound.CallingHours;
import dev.switchboard.domain.outbound.OutboundLimits;
import dev.switchboard.domain.outbound.OutboundLimitsRepository;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.time.LocalTime;
import java.util.Optional;

/** Tenants' outbound limits in {@code outbound_limits} (V20). */
@Singleton
final class PostgresOutboundLimits implements OutboundLimitsRepository {
    private final Database db;

    PostgresOutboundLimits(Database db) {
        this.db = db;
    }

    @Override
    public Optional<OutboundLimits> find(TenantId tenant) {
        return db.first("read outbound limits", "SELECT max_concurrent_calls, calls_per_second, calling_hours_start, calling_hours_end "
                + "FROM outbound_limits WHERE tenant_id = ?", ps -> ps.setObject(1, tenant.value()),
                rs -> new OutboundLimits(rs.getInt(1), rs.getInt(2),
                        new CallingHours(rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class))));
    }

    @Override
    public void save(TenantId tenant, OutboundLimits limits) {
        db.update("save outbound limits", """
                INSERT INTO outbound_limits (tenant_id, max_concurrent_calls, calls_per_second, calling_hours_start, calling_hours_end)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET max_concurrent_calls = EXCLUDED.max_concurrent_calls,
                    calls_per_second = EXCLUDED.calls_per_second, calling_hours_start = EXCLUDED.calling_hours_start,
                    calling_hours_end = EXCLUDED.calling_hours_end""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setInt(2, limits.maxConcurrentCalls());
            ps.setInt(3, limits.callsPerSecond());
            ps.setObject(4, limits.callingHours().start());
            ps.setObject(5, limits.callingHours().end());
        });
    }
}
