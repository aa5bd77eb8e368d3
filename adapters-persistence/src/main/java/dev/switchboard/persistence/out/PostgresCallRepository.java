package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallEventWrite;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallQuery;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.CallStats;
import dev.switchboard.domain.shared.Page;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls in {@code calls}, their timeline in {@code call_events} (JSONB data, in append order)
 * and their transcript in {@code call_messages}.
 */
@Singleton
final class PostgresCallRepository implements CallRepository {
    private static final String INSERT = "INSERT INTO calls (" + CallRows.COLUMNS + ") VALUES ("
            + String.join(", ", Collections.nCopies(CallRows.FIELDS.length, "?")) + ")";
    private static final String UPDATE = "UPDATE calls SET "
            + String.join(" = ?, ", List.of(CallRows.FIELDS).subList(0, CallRows.FIELDS.length - 2))
            + " = ? WHERE tenant_id = ? AND id = ?";
    private static final String MESSAGE_COLUMNS = "id, tenant_id, call_id, speaker, text, at, interrupted";

    private final Database db;
    private final JsonColumns json;

    PostgresCallRepository(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    @Override
    public void add(Call call) {
        db.record("add a call", c -> {
            try {
                return Database.update(c, INSERT, ps -> CallRows.bind(ps, call));
            } catch (SQLException e) {
                // Same outcome as the in-memory fake: a programming error, not an outage.
                if (SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, null))
                    throw new IllegalArgumentException("call exists (same id or provider call id): " + call.id(), e);
                throw e;
            }
        });
    }

    /** A call that is not stored (for this tenant) is left alone, like the in-memory fake does. */
    @Override
    public void update(Call call) {
        db.recordUpdate("update a call", UPDATE, ps -> CallRows.bind(ps, call));
    }

    @Override
    public boolean replaceIfStatus(Call call, CallStatus expected) {
        return db.recordUpdate("update a call if its status is unchanged", UPDATE + " AND status = ?", ps -> {
            CallRows.bind(ps, call);
            ps.setString(CallRows.FIELDS.length + 1, expected.name());
        }) == 1;
    }

    @Override
    public Optional<Call> findById(TenantId tenantId, CallId id) {
        return db.first("find a call", "SELECT " + CallRows.COLUMNS + " FROM calls WHERE tenant_id = ? AND id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, id.value());
        }, CallRows::read);
    }

    @Override
    public Optional<Call> findByProviderCallId(TenantId tenantId, String providerCallId) {
        return db.first("find a call by provider id",
                "SELECT " + CallRows.COLUMNS + " FROM calls WHERE tenant_id = ? AND provider_call_id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setString(2, providerCallId);
        }, CallRows::read);
    }

    @Override
    public void recordVerdict(TenantId tenantId, CallId id, String verdict) {
        db.update("keep a call's verdict", "UPDATE calls SET verdict = ? WHERE tenant_id = ? AND id = ? AND verdict IS DISTINCT FROM ?", ps -> {
            ps.setString(1, verdict);
            ps.setObject(2, tenantId.value());
            ps.setObject(3, id.value());
            ps.setString(4, verdict);
        });
    }

    @Override
    public Map<CallId, String> verdicts(TenantId tenantId, Collection<CallId> ids) {
        if (ids.isEmpty()) return Map.of();
        var rows = db.list("read calls' verdicts", "SELECT id, verdict FROM calls WHERE tenant_id = ? AND id = ANY (?) AND verdict IS NOT NULL", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", ids.stream().map(CallId::value).toArray()));
        }, rs -> Map.entry(new CallId(Columns.uuid(rs, "id")), rs.getString("verdict")));
        var verdicts = new HashMap<CallId, String>();
        rows.forEach(row -> verdicts.put(row.getKey(), row.getValue()));
        return verdicts;
    }

    @Override
    public Page<Call> list(TenantId tenantId, CallQuery query, PageRequest page) {
        return db.read("list calls", c -> new CallListQuery(tenantId, query).run(c, page));
    }

    @Override
    public CallStats stats(TenantId tenantId, Instant from, Instant to, ZoneId zone) {
        return db.read("compute call stats", c -> new CallStatsQuery(tenantId, from, to, zone).run(c));
    }

    @Override
    public void appendEvent(CallEvent event) {
        appendEvents(List.of(event));
    }

    /**
     * One INSERT of all the rows, passed as one array per column ({@code unnest}): the statement's
     * text never changes with the number of rows, so PostgreSQL parses and plans it once per
     * connection instead of once per batch (issue 12: a 500-row multi-row INSERT re-planned per
     * batch kept the recorder from keeping up at 1,000 calls). {@code id} (bigserial) follows the
     * rows' order, which breaks ties in {@code at}.
     */
    @Override
    public void appendEvents(List<CallEvent> events) {
        append(events, new String[events.size()]);
    }

    /** As {@link #appendEvents}; a key already in {@code call_events.write_key} skips its row (V30). */
    @Override
    public void appendEventsOnce(List<CallEventWrite> writes) {
        var keys = new String[writes.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = writes.get(i).key().toString();
        append(writes.stream().map(CallEventWrite::event).toList(), keys);
    }

    private void append(List<CallEvent> events, String[] keys) {
        if (events.isEmpty()) return;
        int n = events.size();
        var tenantIds = new String[n];
        var callIds = new String[n];
        var ats = new String[n];
        var types = new String[n];
        var data = new String[n];
        for (int i = 0; i < n; i++) {
            var event = events.get(i);
            tenantIds[i] = event.tenantId().toString();
            callIds[i] = event.callId().toString();
            ats[i] = event.at().toString();
            types[i] = event.type();
            data[i] = json.write(event.data());
        }
        db.recordUpdate(n == 1 ? "append a call event" : "append " + n + " call events", APPEND_EVENTS,
                ps -> Columns.setTextArrays(ps, tenantIds, callIds, ats, types, data, keys));
    }

    // Rows without a key (NULL) never conflict: the partial unique index leaves them out.
    private static final String APPEND_EVENTS = """
            INSERT INTO call_events (tenant_id, call_id, at, type, data, write_key)
            SELECT r.tenant_id, r.call_id, r.at, r.type, CAST(r.data AS jsonb), r.write_key
            FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS timestamptz[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS uuid[]))
                WITH ORDINALITY AS r(tenant_id, call_id, at, type, data, write_key, n)
            ORDER BY r.n
            ON CONFLICT (write_key) WHERE write_key IS NOT NULL DO NOTHING""";

    @Override
    public List<CallEvent> events(TenantId tenantId, CallId callId) {
        return db.list("read a call's timeline", "SELECT tenant_id, call_id, at, type, data FROM call_events "
                + "WHERE tenant_id = ? AND call_id = ? ORDER BY at, id", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, callId.value());
        }, rs -> new CallEvent(new CallId(Columns.uuid(rs, "call_id")), new TenantId(Columns.uuid(rs, "tenant_id")),
                Columns.instant(rs, "at"), rs.getString("type"), json.readObject(rs.getString("data"))));
    }

    @Override
    public void saveMessage(CallMessage m) {
        saveMessages(List.of(m));
    }

    /**
     * One upsert of all the rows, one array per column (see {@link #appendEvents}). PostgreSQL
     * refuses to touch a row twice in one statement, so a turn that appears twice keeps its first
     * place (its {@code seq}) with its last version.
     */
    @Override
    public void saveMessages(List<CallMessage> messages) {
        if (messages.isEmpty()) return;
        var latest = new LinkedHashMap<java.util.UUID, CallMessage>();
        for (var m : messages) latest.put(m.id(), m);
        var rows = List.copyOf(latest.values());
        int n = rows.size();
        var ids = new String[n];
        var tenantIds = new String[n];
        var callIds = new String[n];
        var speakers = new String[n];
        var texts = new String[n];
        var ats = new String[n];
        var interrupted = new String[n];
        for (int i = 0; i < n; i++) {
            var m = rows.get(i);
            ids[i] = m.id().toString();
            tenantIds[i] = m.tenantId().toString();
            callIds[i] = m.callId().toString();
            speakers[i] = m.speaker().name();
            texts[i] = m.text();
            ats[i] = m.at().toString();
            interrupted[i] = Boolean.toString(m.interrupted());
        }
        db.recordUpdate(n == 1 ? "save a transcript turn" : "save " + n + " transcript turns", SAVE_MESSAGES,
                ps -> Columns.setTextArrays(ps, ids, tenantIds, callIds, speakers, texts, ats, interrupted));
    }

    private static final String SAVE_MESSAGES = "INSERT INTO call_messages (" + MESSAGE_COLUMNS + ")" + """

            SELECT r.id, r.tenant_id, r.call_id, r.speaker, r.text, r.at, r.interrupted
            FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS timestamptz[]), CAST(? AS boolean[]))
                WITH ORDINALITY AS r(id, tenant_id, call_id, speaker, text, at, interrupted, n)
            ORDER BY r.n
            ON CONFLICT (tenant_id, id) DO UPDATE SET speaker = EXCLUDED.speaker, text = EXCLUDED.text,
                at = EXCLUDED.at, interrupted = EXCLUDED.interrupted
            WHERE call_messages.call_id = EXCLUDED.call_id""";

    @Override
    public List<CallMessage> messages(TenantId tenantId, CallId callId) {
        return db.list("read a call's transcript", "SELECT " + MESSAGE_COLUMNS + " FROM call_messages "
                + "WHERE tenant_id = ? AND call_id = ? ORDER BY at, seq", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, callId.value());
        }, PostgresCallRepository::message);
    }

    private static CallMessage message(ResultSet rs) throws SQLException {
        return new CallMessage(Columns.uuid(rs, "id"), new CallId(Columns.uuid(rs, "call_id")), new TenantId(Columns.uuid(rs, "tenant_id")),
                CallMessage.Speaker.valueOf(rs.getString("speaker")), rs.getString("text"), Columns.instant(rs, "at"),
                rs.getBoolean("interrupted"));
    }
}
