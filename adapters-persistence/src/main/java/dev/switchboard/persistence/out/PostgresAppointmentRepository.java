package dev.switchboard.persistence.out;

import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentId;
import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Appointments in the {@code appointments} table. The exclusion constraint
 * {@code appointments_no_overlap} refuses overlapping bookings: when two calls book the same slot
 * at once, PostgreSQL makes the second insert wait for the first and then fail.
 */
@Singleton
final class PostgresAppointmentRepository implements AppointmentRepository {
    private static final String COLUMNS = "id, tenant_id, call_id, client_name, client_phone, service_type, starts_at, ends_at, status, created_at";

    /**
     * Overlapping inserts at the same instant can deadlock: each inserts its index entry, then
     * waits for the other's transaction while checking the exclusion constraint, and PostgreSQL
     * aborts one after a second. So bookings of one tenant take a transaction-scoped advisory
     * lock first and queue instead; should a deadlock still happen (an outer transaction holding
     * other locks), the insert is retried and then waits for the survivor like any overlap.
     */
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final int INSERT_ATTEMPTS = 3;

    private final Database db;

    PostgresAppointmentRepository(Database db) {
        this.db = db;
    }

    @Override
    public void add(Appointment a) {
        for (int attempt = 1; ; attempt++) {
            try {
                insert(a);
                return;
            } catch (Deadlocked e) {
                if (attempt == INSERT_ATTEMPTS)
                    throw new PortFailure(PortFailure.Category.UNAVAILABLE, "database kept deadlocking while trying to book an appointment", e.getCause());
            }
        }
    }

    private void insert(Appointment a) {
        db.write("book an appointment", c -> {
            try {
                Database.list(c, "SELECT pg_advisory_xact_lock(hashtextextended('appointments:' || CAST(? AS text), 0))",
                        ps -> ps.setObject(1, a.tenantId().value()), rs -> 1);
                return Database.update(c, "INSERT INTO appointments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, a.id().value());
                    ps.setObject(2, a.tenantId().value());
                    Columns.setUuid(ps, 3, a.callId() == null ? null : a.callId().value());
                    ps.setString(4, a.clientName());
                    ps.setString(5, a.clientPhone());
                    ps.setString(6, a.serviceType());
                    Columns.setInstant(ps, 7, a.startsAt());
                    Columns.setInstant(ps, 8, a.endsAt());
                    ps.setString(9, a.status().name());
                    Columns.setInstant(ps, 10, a.createdAt());
                });
            } catch (SQLException e) {
                if (SqlFailures.violates(e, SqlFailures.EXCLUSION_VIOLATION, "appointments_no_overlap")) throw new SlotTaken(a.startsAt());
                if (DEADLOCK_DETECTED.equals(e.getSQLState())) throw new Deadlocked(e);
                if (SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, null))
                    throw new IllegalArgumentException("appointment exists: " + a.id(), e);
                throw e;
            }
        });
    }

    @Override
    public Optional<Appointment> findById(TenantId tenantId, AppointmentId id) {
        return db.first("find an appointment", "SELECT " + COLUMNS + " FROM appointments WHERE tenant_id = ? AND id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, id.value());
        }, PostgresAppointmentRepository::appointment);
    }

    @Override
    public List<Appointment> list(TenantId tenantId, Instant from, Instant to) {
        return db.list("list appointments", "SELECT " + COLUMNS
                + " FROM appointments WHERE tenant_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, created_at, id", ps -> {
            ps.setObject(1, tenantId.value());
            Columns.setInstant(ps, 2, from);
            Columns.setInstant(ps, 3, to);
        }, PostgresAppointmentRepository::appointment);
    }

    @Override
    public boolean cancel(TenantId tenantId, AppointmentId id) {
        return db.update("cancel an appointment",
                "UPDATE appointments SET status = 'CANCELED' WHERE tenant_id = ? AND id = ? AND status = 'BOOKED'", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, id.value());
        }) > 0;
    }

    /** The insert was chosen as a deadlock victim and rolled back. */
    private static final class Deadlocked extends RuntimeException {
        Deadlocked(SQLException cause) {
            super(cause);
        }
    }

    private static Appointment appointment(ResultSet rs) throws SQLException {
        return new Appointment(new AppointmentId(Columns.uuid(rs, "id")), new TenantId(Columns.uuid(rs, "tenant_id")),
                Columns.id(rs, "call_id", CallId::new), rs.getString("client_name"), rs.getString("client_phone"),
                rs.getString("service_type"), Columns.instant(rs, "starts_at"), Columns.instant(rs, "ends_at"),
                Appointment.Status.valueOf(rs.getString("status")), Columns.instant(rs, "created_at"));
    }
}
