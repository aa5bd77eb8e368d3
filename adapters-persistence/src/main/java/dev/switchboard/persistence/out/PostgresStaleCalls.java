package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.StaleCalls;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Stale calls claimed in one statement (V18): an UPDATE of {@code reconciled_at} on rows locked
 * with SKIP LOCKED, so two instances sweeping at once never take the same call.
 */
@Singleton
final class PostgresStaleCalls implements StaleCalls {
    private final Database db;

    PostgresStaleCalls(Database db) {
        this.db = db;
    }

    @Override
    public List<Call> claim(Instant now, Duration olderThan, Duration recheckAfter, int limit) {
        return db.write("claim stale calls", c -> Database.list(c, "UPDATE calls SET reconciled_at = ? WHERE (tenant_id, id) IN ("
                + """
                SELECT tenant_id, id FROM calls
                WHERE status NOT IN ('COMPLETED', 'BUSY', 'FAILED', 'NO_ANSWER', 'CANCELED')
                  AND runtime IN ('RELAY', 'STREAM') AND provider_call_id IS NOT NULL
                  AND created_at < ? AND (reconciled_at IS NULL OR reconciled_at < ?)
                ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + CallRows.COLUMNS, ps -> {
            Columns.setInstant(ps, 1, now);
            Columns.setInstant(ps, 2, now.minus(olderThan));
            Columns.setInstant(ps, 3, now.minus(recheckAfter));
            ps.setInt(4, limit);
        }, CallRows::read));
    }
}
