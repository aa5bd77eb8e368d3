package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.Page;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.sms.Sms;
import dev.switchboard.domain.sms.SmsDirection;
import dev.switchboard.domain.sms.SmsId;
import dev.switchboard.domain.sms.SmsQuery;
import dev.switchboard.domain.sms.SmsRepository;
import dev.switchboard.domain.sms.SmsStatus;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Messages in {@code sms_messages} (V21). A status moves forward in one UPDATE guarded by the
 * statuses it may move from ({@link SmsStatus#canMoveTo}), so two delivery reports handled at once
 * by two instances cannot move a message back.
 */
@Singleton
final class PostgresSmsRepository implements SmsRepository {
    private static final String COLUMNS = "id, tenant_id, direction, from_number, to_number, body, status, phone_number_id, "
            + "provider_message_id, error_code, error_message, call_id, created_at, updated_at";
    private static final String ADVANCE = "UPDATE sms_messages SET status = ?, error_code = COALESCE(?, error_code), "
            + "error_message = COALESCE(?, error_message), updated_at = ? WHERE tenant_id = ? AND status = ANY (?) AND ";

    private final Database db;

    PostgresSmsRepository(Database db) {
        this.db = db;
    }

    @Override
    public boolean add(Sms sms) {
        return db.update("store a text message", "INSERT INTO sms_messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (tenant_id, provider_message_id) DO NOTHING", ps -> {
            ps.setObject(1, sms.id().value());
            ps.setObject(2, sms.tenantId().value());
            ps.setString(3, sms.direction().name());
            ps.setString(4, sms.from());
            ps.setString(5, sms.to());
            ps.setString(6, sms.body());
            ps.setString(7, sms.status().name());
            Columns.setUuid(ps, 8, sms.phoneNumberId() == null ? null : sms.phoneNumberId().value());
            ps.setString(9, sms.providerMessageId());
            Columns.setInteger(ps, 10, sms.errorCode());
            ps.setString(11, sms.errorMessage());
            Columns.setUuid(ps, 12, sms.callId() == null ? null : sms.callId().value());
            Columns.setInstant(ps, 13, sms.createdAt());
            Columns.setInstant(ps, 14, sms.updatedAt());
        }) == 1;
    }

    @Override
    public Optional<Sms> findById(TenantId tenant, SmsId id) {
        return db.first("find a text message", "SELECT " + COLUMNS + " FROM sms_messages WHERE tenant_id = ? AND id = ?", ps -> {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id.value());
        }, PostgresSmsRepository::read);
    }

    @Override
    public Optional<Sms> findByProviderId(TenantId tenant, String providerMessageId) {
        return db.first("find a text message by its Twilio SID",
                "SELECT " + COLUMNS + " FROM sms_messages WHERE tenant_id = ? AND provider_message_id = ?", ps -> {
                    ps.setObject(1, tenant.value());
                    ps.setString(2, providerMessageId);
                }, PostgresSmsRepository::read);
    }

    @Override
    public Page<Sms> list(TenantId tenant, SmsQuery query, PageRequest page) {
        var where = new StringBuilder("tenant_id = ?");
        var values = new ArrayList<Object>();
        values.add(tenant.value());
        if (query.direction() != null) {
            where.append(" AND direction = ?");
            values.add(query.direction().name());
        }
        if (query.status() != null) {
            where.append(" AND status = ?");
            values.add(query.status().name());
        }
        if (query.number() != null) {
            where.append(" AND (from_number = ? OR to_number = ?)");
            values.add(query.number());
            values.add(query.number());
        }
        if (query.from() != null) {
            where.append(" AND created_at >= ?");
            values.add(query.from());
        }
        if (query.to() != null) {
            where.append(" AND created_at < ?");
            values.add(query.to());
        }
        Statement.Binder filters = ps -> bind(ps, values);
        return db.read("list text messages", c -> {
            long total = Database.list(c, "SELECT count(*) FROM sms_messages WHERE " + where, filters, rs -> rs.getLong(1)).get(0);
            var items = Database.list(c, "SELECT " + COLUMNS + " FROM sms_messages WHERE " + where
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", ps -> {
                bind(ps, values);
                ps.setInt(values.size() + 1, page.limit());
                ps.setInt(values.size() + 2, page.offset());
            }, PostgresSmsRepository::read);
            return new Page<>(items, total, page.offset(), page.limit());
        });
    }

    @Override
    public Optional<Sms> accepted(TenantId tenant, SmsId id, String providerMessageId, SmsStatus status, Instant at) {
        return db.write("record Twilio's SID of a text message", c -> {
            Database.update(c, "UPDATE sms_messages SET provider_message_id = ?, updated_at = ? WHERE tenant_id = ? AND id = ?", ps -> {
                ps.setString(1, providerMessageId);
                Columns.setInstant(ps, 2, at);
                ps.setObject(3, tenant.value());
                ps.setObject(4, id.value());
            });
            Database.update(c, ADVANCE + "id = ?", ps -> bindAdvance(ps, tenant, status, null, null, at, id.value()));
            return Database.list(c, "SELECT " + COLUMNS + " FROM sms_messages WHERE tenant_id = ? AND id = ?", ps -> {
                ps.setObject(1, tenant.value());
                ps.setObject(2, id.value());
            }, PostgresSmsRepository::read).stream().findFirst();
        });
    }

    @Override
    public boolean advance(TenantId tenant, String providerMessageId, SmsStatus status, Integer errorCode, String errorMessage, Instant at) {
        return db.update("move a text message forward", ADVANCE + "provider_message_id = ?",
                ps -> bindAdvance(ps, tenant, status, errorCode, errorMessage, at, providerMessageId)) == 1;
    }

    @Override
    public boolean advance(TenantId tenant, SmsId id, SmsStatus status, Integer errorCode, String errorMessage, Instant at) {
        return db.update("move a text message forward", ADVANCE + "id = ?",
                ps -> bindAdvance(ps, tenant, status, errorCode, errorMessage, at, id.value())) == 1;
    }

    @Override
    public List<Sms> claimUnreported(Instant now, Duration olderThan, Duration recheckAfter, Duration giveUpAfter, int limit) {
        return db.write("claim text messages without delivery reports", c -> Database.list(c,
                "UPDATE sms_messages SET checked_at = ? WHERE (tenant_id, id) IN ("
                + """
                SELECT tenant_id, id FROM sms_messages
                WHERE direction = 'OUTBOUND' AND status IN ('QUEUED', 'SENDING') AND provider_message_id IS NOT NULL
                  AND created_at < ? AND created_at > ? AND (checked_at IS NULL OR checked_at < ?)
                ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS, ps -> {
                    Columns.setInstant(ps, 1, now);
                    Columns.setInstant(ps, 2, now.minus(olderThan));
                    Columns.setInstant(ps, 3, now.minus(giveUpAfter));
                    Columns.setInstant(ps, 4, now.minus(recheckAfter));
                    ps.setInt(5, limit);
                }, PostgresSmsRepository::read)).stream()
                // RETURNING follows no ORDER BY.
                .sorted(java.util.Comparator.comparing(Sms::createdAt)).toList();
    }

    private static void bindAdvance(PreparedStatement ps, TenantId tenant, SmsStatus status, Integer errorCode, String errorMessage,
                                    Instant at, Object key) throws SQLException {
        ps.setString(1, status.name());
        Columns.setInteger(ps, 2, errorCode);
        ps.setString(3, errorMessage);
        Columns.setInstant(ps, 4, at);
        ps.setObject(5, tenant.value());
        var from = Arrays.stream(SmsStatus.values()).filter(s -> s.canMoveTo(status)).map(SmsStatus::name).toArray(String[]::new);
        ps.setArray(6, ps.getConnection().createArrayOf("text", from));
        ps.setObject(7, key);
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Instant at) Columns.setInstant(ps, i + 1, at);
            else ps.setObject(i + 1, values.get(i));
        }
    }

    private static Sms read(ResultSet rs) throws SQLException {
        return new Sms(new SmsId(Columns.uuid(rs, "id")), new TenantId(Columns.uuid(rs, "tenant_id")),
                SmsDirection.valueOf(rs.getString("direction")), rs.getString("from_number"), rs.getString("to_number"),
                rs.getString("body"), SmsStatus.valueOf(rs.getString("status")), Columns.id(rs, "phone_number_id", PhoneNumberId::new),
                rs.getString("provider_message_id"), Columns.integer(rs, "error_code"), rs.getString("error_message"),
                Columns.id(rs, "call_id", CallId::new), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
