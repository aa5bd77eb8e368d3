package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Cancels a booked appointment, freeing its slot. Two ways to name it: by id (the API, which
 * lists appointments), or by the client's phone number and the day, plus the start time when
 * the client has several that day (a caller on the phone knows no id). Phone numbers match on
 * their digits, and a national form matches the international one by the last nine digits
 * ({@code 06 12 34 56 78} is {@code +33612345678}); the date must match too, so a loose
 * match cannot cancel someone else's appointment on another day. Thread-safe.
 */
public final class CancelAppointment {
    private final TenantRepository tenants;
    private final AppointmentRepository appointments;

    public CancelAppointment(TenantRepository tenants, AppointmentRepository appointments) {
        this.tenants = tenants;
        this.appointments = appointments;
    }

    /** Which appointment to cancel. */
    public sealed interface Command {
        TenantId tenantId();

        record ById(TenantId tenantId, AppointmentId id) implements Command {
            public ById {
                Objects.requireNonNull(tenantId, "tenantId");
                Objects.requireNonNull(id, "id");
            }
        }

        /** @param time the start on the tenant's wall clock; {@code null} when the client has one that day */
        record ByClient(TenantId tenantId, String clientPhone, LocalDate date, LocalTime time) implements Command {
            public ByClient {
                Objects.requireNonNull(tenantId, "tenantId");
                if (digits(clientPhone).length() < 6) throw new IllegalArgumentException("clientPhone needs at least 6 digits");
                Objects.requireNonNull(date, "date");
            }
        }
    }

    public CancellationResult cancel(Command command) {
        if (command instanceof Command.ById byId) return byId(byId);
        return byClient((Command.ByClient) command);
    }

    private CancellationResult byId(Command.ById command) {
        var found = appointments.findById(command.tenantId(), command.id());
        if (found.isEmpty()) return new CancellationResult.NotFound();
        if (found.get().status() == Appointment.Status.CANCELED) return new CancellationResult.AlreadyCanceled(found.get());
        return cancel(found.get());
    }

    private CancellationResult byClient(Command.ByClient command) {
        var zone = Schedule.zoneOf(tenants, command.tenantId());
        var from = command.date().atStartOfDay(zone).toInstant();
        var to = command.date().plusDays(1).atStartOfDay(zone).toInstant();
        var matches = appointments.list(command.tenantId(), from, to).stream()
                .filter(a -> a.status() == Appointment.Status.BOOKED && samePhone(a.clientPhone(), command.clientPhone()))
                .filter(a -> command.time() == null || a.startsAt().atZone(zone).toLocalTime().equals(command.time()))
                .toList();
        if (matches.isEmpty()) return new CancellationResult.NotFound();
        if (matches.size() > 1) return new CancellationResult.Ambiguous(matches);
        return cancel(matches.get(0));
    }

    private CancellationResult cancel(Appointment appointment) {
        // Someone may have canceled it in between; then there is nothing left to cancel.
        if (!appointments.cancel(appointment.tenantId(), appointment.id())) return new CancellationResult.NotFound();
        return new CancellationResult.Canceled(appointment.canceled());
    }

    static boolean samePhone(String stored, String given) {
        var a = digits(stored);
        var b = digits(given);
        if (a.isEmpty() || b.isEmpty()) return false;
        if (a.equals(b)) return true;
        return a.length() >= 9 && b.length() >= 9 && a.substring(a.length() - 9).equals(b.substring(b.length() - 9));
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }
}
