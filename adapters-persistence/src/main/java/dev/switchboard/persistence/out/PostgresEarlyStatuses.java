package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.EarlyStatuses;
import dev.switchboard.domain.call.RecordCallStatus;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Early status callbacks in {@code early_call_statuses} (V17). Taking them is one statement: a
 * DELETE of the rows whose call now exists, locked with SKIP LOCKED, so of two instances sweeping
 * at once each row goes to exactly one.
 */
@Singleton
final class PostgresEarlyStatuses implements EarlyStatuses {
    private final Database db;
    private final JsonColumns json;

    PostgresEarlyStatuses(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    @Override
    public void keep(RecordCallStatus.Command command, Instant receivedAt) {
        db.recordUpdate("keep an early status callback", """
                INSERT INTO early_call_statuses (tenant_id, provider_call_id, status, duration_seconds, at, callback, received_at)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)""", ps -> {
            ps.setObject(1, command.tenantId().value());
            ps.setString(2, command.providerCallId());
            ps.setString(3, command.status().name());
            ps.setObject(4, command.durationSeconds(), java.sql.Types.INTEGER);
            Columns.setInstant(ps, 5, command.at());
            ps.setString(6, json.write(command.callback()));
            Columns.setInstant(ps, 7, receivedAt);
        });
    }

    private record Taken(long id, RecordCallStatus.Command command) {}

    @Override
    public List<RecordCallStatus.Command> takeMatched(int limit) {
        var taken = db.write("take early status callbacks", c -> Database.list(c, """
                DELETE FROM early_call_statuses WHERE id IN (
                    SELECT e.id FROM early_call_statuses e
                    JOIN calls k ON k.tenant_id = e.tenant_id AND k.provider_call_id = e.provider_call_id
                    ORDER BY e.id LIMIT ? FOR UPDATE OF e SKIP LOCKED)
                RETURNING id, tenant_id, provider_call_id, status, duration_seconds, at, callback""",
                ps -> ps.setInt(1, limit),
                rs -> new Taken(rs.getLong("id"), new RecordCallStatus.Command(new TenantId(Columns.uuid(rs, "tenant_id")),
                        rs.getString("provider_call_id"), CallStatus.valueOf(rs.getString("status")),
                        (Integer) rs.getObject("duration_seconds"), Columns.instant(rs, "at"), json.readObject(rs.getString("callback"))))));
        return taken.stream().sorted(Comparator.comparingLong(Taken::id)).map(Taken::command).toList();
    }

    @Override
    public int forgetReceivedBefore(Instant before) {
        return db.update("forget old early status callbacks", "DELETE FROM early_call_statuses WHERE received_at < ?",
                ps -> Columns.setInstant(ps, 1, before));
    }
}
