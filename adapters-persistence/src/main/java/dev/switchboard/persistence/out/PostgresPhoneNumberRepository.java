package dev.switchboard.persistence.out;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.phone.NumberProof;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Phone numbers in the {@code phone_numbers} table; {@code UNIQUE (number)} gives each one owner. */
@Singleton
final class PostgresPhoneNumberRepository implements PhoneNumberRepository {
    private static final String COLUMNS = "id, tenant_id, number, label, assistant_id, twilio_sid, vapi_phone_number_id, created_at, "
            + "twilio_account_sid, proven_at";

    private final Database db;
    private final ConfigurationCache cache;

    PostgresPhoneNumberRepository(Database db, ConfigurationCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public void save(PhoneNumber n) {
        db.write("save a phone number", c -> {
            try {
                return Database.update(c, "INSERT INTO phone_numbers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) " + """
                        ON CONFLICT (tenant_id, id) DO UPDATE SET number = EXCLUDED.number, label = EXCLUDED.label,
                            assistant_id = EXCLUDED.assistant_id, twilio_sid = EXCLUDED.twilio_sid,
                            vapi_phone_number_id = EXCLUDED.vapi_phone_number_id, created_at = EXCLUDED.created_at,
                            twilio_account_sid = COALESCE(EXCLUDED.twilio_account_sid, phone_numbers.twilio_account_sid),
                            proven_at = COALESCE(EXCLUDED.proven_at, phone_numbers.proven_at)""", ps -> {
                    ps.setObject(1, n.id().value());
                    ps.setObject(2, n.tenantId().value());
                    ps.setString(3, n.number().value());
                    ps.setString(4, n.label());
                    Columns.setUuid(ps, 5, n.assistantId() == null ? null : n.assistantId().value());
                    ps.setString(6, n.twilioSid());
                    ps.setString(7, n.vapiPhoneNumberId());
                    Columns.setInstant(ps, 8, n.createdAt());
                    // A save without a proof (an update by code that never saw one) keeps the stored proof.
                    ps.setString(9, n.proof() == null ? null : n.proof().accountSid());
                    Columns.setInstant(ps, 10, n.proof() == null ? null : n.proof().provenAt());
                });
            } catch (SQLException e) {
                // Another tenant's number id is refused like another tenant's number, as the fake does.
                if (SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, "phone_numbers_number_key")
                        || SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, "phone_numbers_id_key")) throw new NumberAlreadyTaken(n.number());
                throw e;
            }
        });
        cache.changed(n.tenantId());
    }

    @Override
    public Optional<PhoneNumber> findById(TenantId tenantId, PhoneNumberId id) {
        return db.first("find a phone number", "SELECT " + COLUMNS + " FROM phone_numbers WHERE tenant_id = ? AND id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, id.value());
        }, PostgresPhoneNumberRepository::number);
    }

    /** Deliberately not tenant-scoped: routing an incoming call is how we learn the tenant. */
    @Override
    public Optional<PhoneNumber> findByNumber(E164Number number) {
        // Unknown numbers are not kept: whoever calls chooses them.
        return cache.read(new ConfigurationCache.Key("phone_numbers", null, number),
                () -> db.first("route a phone number", "SELECT " + COLUMNS + " FROM phone_numbers WHERE number = ?",
                        ps -> ps.setString(1, number.value()), PostgresPhoneNumberRepository::number),
                Optional::isPresent);
    }

    @Override
    public List<PhoneNumber> list(TenantId tenantId) {
        // COLLATE "C": E.164 order is byte order, whatever the database's default collation.
        return db.list("list phone numbers", "SELECT " + COLUMNS + " FROM phone_numbers WHERE tenant_id = ? ORDER BY number COLLATE \"C\"",
                ps -> ps.setObject(1, tenantId.value()), PostgresPhoneNumberRepository::number);
    }

    @Override
    public boolean delete(TenantId tenantId, PhoneNumberId id) {
        boolean deleted = db.update("delete a phone number", "DELETE FROM phone_numbers WHERE tenant_id = ? AND id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, id.value());
        }) > 0;
        cache.changed(tenantId);
        return deleted;
    }

    private static PhoneNumber number(ResultSet rs) throws SQLException {
        return new PhoneNumber(new PhoneNumberId(Columns.uuid(rs, "id")), new TenantId(Columns.uuid(rs, "tenant_id")),
                new E164Number(rs.getString("number")), rs.getString("label"), Columns.id(rs, "assistant_id", AssistantId::new),
                rs.getString("twilio_sid"), rs.getString("vapi_phone_number_id"), Columns.instant(rs, "created_at"),
                rs.getString("twilio_account_sid") == null ? null
                        : new NumberProof(rs.getString("twilio_account_sid"), Columns.instant(rs, "proven_at")));
    }
}
