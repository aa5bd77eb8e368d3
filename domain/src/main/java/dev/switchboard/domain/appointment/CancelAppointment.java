package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.CommitGate;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cancels a booked appointment, freeing its slot. Two ways to name it: by id (staff, through the
 * API), or on the phone by the caller's own number and the day, plus the start time when they
 * have several that day (a caller knows no id).
 *
 * <p>On the phone the calling number is the only proof a caller gives that an appointment is
 * theirs: only one whose client phone <em>is</em> that number, compared as whole E.164 numbers,
 * can be canceled. A number the caller merely says proves nothing, and a national form
 * ({@code 06 12 34 56 78}) could be any country's, so neither matches. Thread-safe.
 */
public final class CancelAppointment {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");
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

        /**
         * @param caller the number the call comes from, as the carrier gave it
         * @param time the start on the tenant's wall clock; {@code null} when the caller has one that day
         */
        record ByCaller(TenantId tenantId, E164Number caller, LocalDate date, LocalTime time) implements Command {
            public ByCaller {
                Objects.requireNonNull(tenantId, "tenantId");
                Objects.requireNonNull(caller, "caller");
                Objects.requireNonNull(date, "date");
            }
        }
    }

    public CancellationResult cancel(Command command) {
        return cancel(command, CommitGate.OPEN);
    }

    /**
     * @param gate the cancellation is written through it (see {@link CommitGate})
     * @throws CommitGate.Refused when the gate refused the write; nothing was canceled
     */
    public CancellationResult cancel(Command command, CommitGate gate) {
        if (command instanceof Command.ById byId) return byId(byId, gate);
        return byCaller((Command.ByCaller) command, gate);
    }

    private CancellationResult byId(Command.ById command, CommitGate gate) {
        var found = appointments.findById(command.tenantId(), command.id());
        if (found.isEmpty()) return new CancellationResult.NotFound();
        if (found.get().status() == Appointment.Status.CANCELED) return new CancellationResult.AlreadyCanceled(found.get());
        return cancel(found.get(), gate);
    }

    private CancellationResult byCaller(Command.ByCaller command, CommitGate gate) {
        var zone = Schedule.zoneOf(tenants, command.tenantId());
        var from = command.date().atStartOfDay(zone).toInstant();
        var to = command.date().plusDays(1).atStartOfDay(zone).toInstant();
        var matches = appointments.list(command.tenantId(), from, to).stream()
                .filter(a -> a.status() == Appointment.Status.BOOKED && bookedFor(a, command.caller()))
                .filter(a -> command.time() == null || a.startsAt().atZone(zone).toLocalTime().equals(command.time()))
                .toList();
        if (matches.isEmpty()) return new CancellationResult.NotFound();
        if (matches.size() > 1) return new CancellationResult.Ambiguous(matches);
        return cancel(matches.get(0), gate);
    }

    private CancellationResult cancel(Appointment appointment, CommitGate gate) {
        // Someone may have canceled it in between; then there is nothing left to cancel.
        if (!gate.commit(() -> appointments.cancel(appointment.tenantId(), appointment.id()))) return new CancellationResult.NotFound();
        return new CancellationResult.Canceled(appointment.canceled());
    }

    /** Whether the appointment's client phone, written in any international form, is exactly {@code caller}. */
    static boolean bookedFor(Appointment appointment, E164Number caller) {
        return e164(appointment.clientPhone()).map(caller.value()::equals).orElse(false);
    }

    /** {@code +33 6 12-34.56 78} and {@code 0033612345678} read as {@code +33612345678}; a national form reads as nothing. */
    static Optional<String> e164(String written) {
        if (written == null) return Optional.empty();
        var compact = SEPARATORS.matcher(written.strip()).replaceAll("");
        if (compact.startsWith("00")) compact = "+" + compact.substring(2);
        return E164Number.isValid(compact) ? Optional.of(compact) : Optional.empty();
    }
}
