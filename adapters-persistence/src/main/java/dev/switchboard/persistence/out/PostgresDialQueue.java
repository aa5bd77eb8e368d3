package dev.switchboard.persistence.out;

import dev.switchboard.domain.assistant.RetryPolicy;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallContext;
import dev.switchboard.domain.call.CallContexts;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.outbound.DialOrder;
import dev.switchboard.domain.outbound.DialQueue;
import dev.switchboard.domain.outbound.DialState;
import dev.switchboard.domain.outbound.OutboundLimits;
import dev.switchboard.domain.outbound.PendingDial;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dial queue in {@code outbound_calls} (V20), beside the calls themselves. Claims are one
 * UPDATE over rows locked with SKIP LOCKED; limits are checked under a per-tenant transaction
 * advisory lock, so two instances cannot both take a tenant's last free line.
 */
@Singleton
final class PostgresDialQueue implements DialQueue, CallContexts {
    private static final String CALL_COLUMNS = Arrays.stream(CallRows.FIELDS).map(f -> "c." + f).collect(Collectors.joining(", "));
    private static final String ORDER_COLUMNS = "o.context, o.reference, o.idempotency_key, o.not_before, o.max_attempts, "
            + "o.retry_spacing_seconds, o.attempt, o.first_call_id, o.dial_state, o.failed_tries, o.cancel_requested";
    private static final String INSERT_CALL = "INSERT INTO calls (" + CallRows.COLUMNS + ") VALUES ("
            + String.join(", ", Collections.nCopies(CallRows.FIELDS.length, "?")) + ")";
    private static final String INSERT_ORDER = """
            INSERT INTO outbound_calls (tenant_id, call_id, context, reference, idempotency_key, idempotency_expires_at, attempt,
                max_attempts, retry_spacing_seconds, first_call_id, dial_state, not_before)
            VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, 'WAITING', ?)
            ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING""";
    private static final String FINAL = "('COMPLETED', 'BUSY', 'FAILED', 'NO_ANSWER', 'CANCELED')";

    private final Database db;
    private final JsonColumns json;

    PostgresDialQueue(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    /** The idempotency key is taken: the transaction rolls back and the earlier call is read. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    @Override
    public Enqueued enqueue(Call call, DialOrder order, Instant now, Duration keyLifetime) {
        try {
            return db.write("queue an outbound call", c -> {
                if (order.idempotencyKey() != null)
                    Database.update(c, "UPDATE outbound_calls SET idempotency_key = NULL WHERE tenant_id = ? AND idempotency_key = ? "
                            + "AND idempotency_expires_at <= ?", ps -> {
                        ps.setObject(1, call.tenantId().value());
                        ps.setString(2, order.idempotencyKey());
                        Columns.setInstant(ps, 3, now);
                    });
                insert(c, call, order, order.idempotencyKey() == null ? null : now.plus(keyLifetime));
                return new Enqueued(call, true);
            });
        } catch (KeyTaken taken) {
            var earlier = db.first("find the call of an idempotency key", "SELECT " + CALL_COLUMNS
                    + " FROM outbound_calls o JOIN calls c ON c.tenant_id = o.tenant_id AND c.id = o.call_id "
                    + "WHERE o.tenant_id = ? AND o.idempotency_key = ?", ps -> {
                ps.setObject(1, call.tenantId().value());
                ps.setString(2, order.idempotencyKey());
            }, CallRows::read);
            // Gone between the two statements (expired and reused): the caller tries again.
            return new Enqueued(earlier.orElseThrow(() -> new IllegalStateException("idempotency key changed hands; try again")), false);
        }
    }

    private void insert(Connection c, Call call, DialOrder order, Instant keyExpires) throws SQLException {
        Database.update(c, INSERT_CALL, ps -> CallRows.bind(ps, call));
        int stored = Database.update(c, INSERT_ORDER, ps -> {
            ps.setObject(1, call.tenantId().value());
            ps.setObject(2, call.id().value());
            ps.setString(3, json.write(order.context().values()));
            ps.setString(4, order.reference());
            ps.setString(5, order.idempotencyKey());
            Columns.setInstant(ps, 6, keyExpires);
            ps.setInt(7, order.attempt());
            ps.setInt(8, order.retry().attempts());
            ps.setInt(9, (int) order.retry().spacing().toSeconds());
            ps.setObject(10, order.firstCall().value());
            Columns.setInstant(ps, 11, order.notBefore());
        });
        if (stored == 0) throw new KeyTaken();
    }

    @Override
    public Optional<DialOrder> order(TenantId tenant, CallId call) {
        return db.first("read an outbound call's order", "SELECT " + ORDER_COLUMNS + " FROM outbound_calls o WHERE o.tenant_id = ? AND o.call_id = ?",
                ps -> {
                    ps.setObject(1, tenant.value());
                    ps.setObject(2, call.value());
                }, this::order);
    }

    @Override
    public CallContext of(TenantId tenant, CallId call) {
        return order(tenant, call).map(DialOrder::context).orElse(CallContext.EMPTY);
    }

    @Override
    public Optional<DialStatus> status(TenantId tenant, CallId call) {
        return db.first("read an outbound call's dial state", "SELECT dial_state, failed_tries, error_code, error_message "
                + "FROM outbound_calls WHERE tenant_id = ? AND call_id = ?", ps -> {
            ps.setObject(1, tenant.value());
            ps.setObject(2, call.value());
        }, rs -> new DialStatus(DialState.valueOf(rs.getString("dial_state")), rs.getInt("failed_tries"),
                Columns.integer(rs, "error_code"), rs.getString("error_message")));
    }

    @Override
    public List<PendingDial> claimDue(Instant now, Duration lease, int limit) {
        return db.write("claim outbound calls to dial", c -> Database.list(c, "UPDATE outbound_calls o SET lease_until = ? FROM calls c "
                + "WHERE c.tenant_id = o.tenant_id AND c.id = o.call_id AND (o.tenant_id, o.call_id) IN ("
                + """
                SELECT tenant_id, call_id FROM outbound_calls
                WHERE dial_state IN ('WAITING', 'UNCONFIRMED', 'DIALING') AND not_before <= ?
                  AND (lease_until IS NULL OR lease_until <= ?)
                ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + CALL_COLUMNS + ", " + ORDER_COLUMNS, ps -> {
            Columns.setInstant(ps, 1, now.plus(lease));
            Columns.setInstant(ps, 2, now);
            Columns.setInstant(ps, 3, now);
            ps.setInt(4, limit);
        }, this::pending)).stream()
                // RETURNING follows no ORDER BY: dial in the order the calls became due.
                .sorted(java.util.Comparator.comparing((PendingDial p) -> p.order().notBefore()).thenComparing(p -> p.call().createdAt()))
                .toList();
    }

    @Override
    public Reservation reserve(TenantId tenant, CallId call, OutboundLimits limits, Instant now) {
        return db.write("reserve a line for an outbound call", c -> {
            var uuid = tenant.value();
            Database.list(c, "SELECT pg_advisory_xact_lock(?)", ps -> ps.setLong(1, uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits()),
                    rs -> 1);
            long live = Database.list(c, "SELECT count(*) FROM outbound_calls o JOIN calls c ON c.tenant_id = o.tenant_id AND c.id = o.call_id "
                    + "WHERE o.tenant_id = ? AND (o.dial_state = 'DIALING' OR (o.dial_state = 'PLACED' AND c.status NOT IN " + FINAL + "))",
                    ps -> ps.setObject(1, uuid), rs -> rs.getLong(1)).get(0);
            if (live >= limits.maxConcurrentCalls()) return Reservation.AT_CONCURRENCY_LIMIT;
            long lastSecond = Database.list(c, "SELECT count(*) FROM outbound_calls WHERE tenant_id = ? AND dialed_at > ? AND dialed_at <= ?", ps -> {
                ps.setObject(1, uuid);
                Columns.setInstant(ps, 2, now.minusSeconds(1));
                Columns.setInstant(ps, 3, now);
            }, rs -> rs.getLong(1)).get(0);
            if (lastSecond >= limits.callsPerSecond()) return Reservation.AT_RATE_LIMIT;
            int taken = Database.update(c, "UPDATE outbound_calls SET dial_state = 'DIALING', dialed_at = ? WHERE tenant_id = ? AND call_id = ? "
                    + "AND dial_state IN ('WAITING', 'UNCONFIRMED') AND NOT cancel_requested", ps -> {
                Columns.setInstant(ps, 1, now);
                ps.setObject(2, uuid);
                ps.setObject(3, call.value());
            });
            return taken == 1 ? Reservation.RESERVED : Reservation.GONE;
        });
    }

    @Override
    public void release(TenantId tenant, CallId call, DialState state, Instant notBefore, boolean failedTry) {
        db.update("put an outbound call back in the queue", "UPDATE outbound_calls SET dial_state = ?, not_before = ?, lease_until = NULL, "
                + "failed_tries = failed_tries + ? WHERE tenant_id = ? AND call_id = ? AND dial_state NOT IN ('PLACED', 'DONE')", ps -> {
            ps.setString(1, state.name());
            Columns.setInstant(ps, 2, notBefore);
            ps.setInt(3, failedTry ? 1 : 0);
            ps.setObject(4, tenant.value());
            ps.setObject(5, call.value());
        });
    }

    @Override
    public boolean placed(TenantId tenant, CallId call, String callSid) {
        return db.write("store the CallSid of a placed call", c -> {
            int stored = Database.update(c, "UPDATE calls SET provider_call_id = ? WHERE tenant_id = ? AND id = ? AND provider_call_id IS NULL "
                    + "AND direction = 'OUTBOUND'", ps -> {
                ps.setString(1, callSid);
                ps.setObject(2, tenant.value());
                ps.setObject(3, call.value());
            });
            Database.update(c, "UPDATE outbound_calls SET dial_state = 'PLACED', lease_until = NULL WHERE tenant_id = ? AND call_id = ? "
                    + "AND dial_state <> 'DONE'", ps -> {
                ps.setObject(1, tenant.value());
                ps.setObject(2, call.value());
            });
            return stored == 1;
        });
    }

    @Override
    public boolean confirm(TenantId tenant, CallId call, String callSid) {
        return placed(tenant, call, callSid);
    }

    @Override
    public void done(TenantId tenant, CallId call, Integer errorCode, String errorMessage) {
        db.update("finish dialing an outbound call", "UPDATE outbound_calls SET dial_state = 'DONE', lease_until = NULL, "
                + "error_code = coalesce(?, error_code), error_message = coalesce(?, error_message) WHERE tenant_id = ? AND call_id = ?", ps -> {
            Columns.setInteger(ps, 1, errorCode);
            ps.setString(2, errorMessage);
            ps.setObject(3, tenant.value());
            ps.setObject(4, call.value());
        });
    }

    @Override
    public boolean requestCancel(TenantId tenant, CallId call) {
        return db.update("cancel an outbound call", "UPDATE outbound_calls SET cancel_requested = true, "
                + "dial_state = CASE WHEN dial_state IN ('WAITING', 'UNCONFIRMED') THEN 'DONE' ELSE dial_state END "
                + "WHERE tenant_id = ? AND call_id = ?", ps -> {
            ps.setObject(1, tenant.value());
            ps.setObject(2, call.value());
        }) == 1;
    }

    @Override
    public List<PendingDial> dueForRetry(int limit) {
        return db.list("find outbound calls to try again", "SELECT " + CALL_COLUMNS + ", " + ORDER_COLUMNS
                + " FROM outbound_calls o JOIN calls c ON c.tenant_id = o.tenant_id AND c.id = o.call_id "
                + "WHERE c.status IN ('BUSY', 'NO_ANSWER') AND NOT o.followed_up AND NOT o.cancel_requested AND o.attempt < o.max_attempts "
                + "ORDER BY c.ended_at LIMIT ?", ps -> ps.setInt(1, limit), this::pending);
    }

    @Override
    public boolean followUp(Call previous, Call next, DialOrder nextOrder) {
        return db.write("schedule the next try of an outbound call", c -> {
            int marked = Database.update(c, "UPDATE outbound_calls SET followed_up = true WHERE tenant_id = ? AND call_id = ? AND NOT followed_up",
                    ps -> {
                        ps.setObject(1, previous.tenantId().value());
                        ps.setObject(2, previous.id().value());
                    });
            if (marked == 0) return false;
            insert(c, next, nextOrder, null);
            return true;
        });
    }

    private PendingDial pending(ResultSet rs) throws SQLException {
        return new PendingDial(CallRows.read(rs), order(rs), DialState.valueOf(rs.getString("dial_state")), rs.getInt("failed_tries"),
                rs.getBoolean("cancel_requested"));
    }

    private DialOrder order(ResultSet rs) throws SQLException {
        return new DialOrder(new CallContext(json.readObject(rs.getString("context"))), rs.getString("reference"),
                rs.getString("idempotency_key"), Columns.instant(rs, "not_before"),
                new RetryPolicy(rs.getInt("max_attempts"), Duration.ofSeconds(Math.max(60, rs.getInt("retry_spacing_seconds")))),
                rs.getInt("attempt"), new CallId(Columns.uuid(rs, "first_call_id")));
    }
}
