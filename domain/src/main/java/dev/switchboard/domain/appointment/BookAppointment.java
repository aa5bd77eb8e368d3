package dev.switchboard.domain.appointment;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.CommitGate;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Books a slot if it lies within opening hours and is free; otherwise answers with the nearest
 * free slots (same length, from three days before the requested day to six days after it). The store has the last word:
 * when two calls book the same slot at once, the one that loses the race gets {@code SlotTaken}
 * with fresh alternatives, exactly as if it had seen the booking first. Thread-safe.
 */
public final class BookAppointment {
    /** How many alternatives a refusal offers. */
    public static final int ALTERNATIVES = 3;

    private final TenantRepository tenants;
    private final AvailabilityRepository rules;
    private final AppointmentRepository appointments;
    private final Clock clock;

    public BookAppointment(TenantRepository tenants, AvailabilityRepository rules, AppointmentRepository appointments, Clock clock) {
        this.tenants = tenants;
        this.rules = rules;
        this.appointments = appointments;
        this.clock = clock;
    }

    /**
     * @param date and {@code time}: the start on the tenant's wall clock
     * @param serviceType decides the length; {@code null} or unknown takes the default duration
     * @param callId the call booking it; {@code null} when booked another way
     */
    public record Command(TenantId tenantId, LocalDate date, LocalTime time, String serviceType, String clientName,
                          String clientPhone, CallId callId) {
        public Command {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(time, "time");
            if (clientName == null || clientName.isBlank()) throw new IllegalArgumentException("clientName is required");
            clientName = clientName.strip();
            clientPhone = clientPhone == null || clientPhone.isBlank() ? null : clientPhone.strip();
            serviceType = serviceType == null || serviceType.isBlank() ? null : serviceType.strip();
        }
    }

    public BookingResult book(Command command) {
        return book(command, CommitGate.OPEN);
    }

    /**
     * @param gate the booking is written through it, so work that can be abandoned (a tool at its
     *     deadline) either writes it while the gate allows or not at all
     * @throws CommitGate.Refused when the gate refused the write; nothing was booked
     */
    public BookingResult book(Command command, CommitGate gate) {
        var found = Schedule.load(command.tenantId(), tenants, rules, appointments, clock);
        if (found.isEmpty()) return new BookingResult.NotConfigured();
        var schedule = found.get();
        var length = schedule.rules.durationOf(command.serviceType());
        var fitting = Slot.of(command.date(), command.time(), length);
        if (fitting.isEmpty()) {
            // It would run past midnight, so no opening interval can hold it; a Slot stays within
            // one day, hence shown as ending at midnight.
            var clipped = new Slot(command.date(), command.time(), LocalTime.MAX);
            return new BookingResult.OutsideOpeningHours(clipped, alternatives(schedule, command, length));
        }
        var slot = fitting.get();
        if (!slot.existsIn(schedule.zone)) return new BookingResult.NotAValidTime(slot, alternatives(schedule, command, length));
        if (schedule.isPast(slot)) return new BookingResult.InThePast(slot);
        if (!schedule.rules.fits(slot)) return new BookingResult.OutsideOpeningHours(slot, alternatives(schedule, command, length));
        if (!schedule.isFree(slot, schedule.booked(slot.date(), slot.date())))
            return new BookingResult.SlotTaken(slot, alternatives(schedule, command, length));
        var appointment = new Appointment(AppointmentId.random(), command.tenantId(), command.callId(), command.clientName(),
                command.clientPhone(), command.serviceType(), slot.startsAt(schedule.zone), slot.endsAt(schedule.zone),
                Appointment.Status.BOOKED, schedule.now);
        try {
            gate.commit(() -> {
                appointments.add(appointment);
                return appointment;
            });
        } catch (AppointmentRepository.SlotTaken lostTheRace) {
            return new BookingResult.SlotTaken(slot, alternatives(schedule, command, length));
        }
        return new BookingResult.Booked(appointment.id(), slot);
    }

    private static java.util.List<Slot> alternatives(Schedule schedule, Command command, java.time.Duration length) {
        return schedule.alternatives(command.date(), command.time(), length, ALTERNATIVES);
    }
}
