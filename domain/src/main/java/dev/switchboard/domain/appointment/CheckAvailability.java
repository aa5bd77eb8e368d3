package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Free slots on one day for one service: the opening hours on the grid of the tenant's slot
 * granularity, minus slots overlapping a booked appointment, minus slots that already started.
 * Dates and times are the tenant's wall clock. Thread-safe.
 */
public final class CheckAvailability {
    private final TenantRepository tenants;
    private final AvailabilityRepository rules;
    private final AppointmentRepository appointments;
    private final Clock clock;

    public CheckAvailability(TenantRepository tenants, AvailabilityRepository rules, AppointmentRepository appointments, Clock clock) {
        this.tenants = tenants;
        this.rules = rules;
        this.appointments = appointments;
        this.clock = clock;
    }

    /** @param serviceType {@code null} for the default duration */
    public record Command(TenantId tenantId, LocalDate date, String serviceType) {
        public Command {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(date, "date");
        }
    }

    public AvailabilityResult check(Command command) {
        var found = Schedule.load(command.tenantId(), tenants, rules, appointments, clock);
        if (found.isEmpty()) return new AvailabilityResult.NotConfigured();
        var schedule = found.get();
        var date = command.date();
        if (date.isBefore(schedule.today())) return new AvailabilityResult.InThePast(date, schedule.today());
        if (schedule.rules.openOn(date).isEmpty())
            return new AvailabilityResult.Closed(date, schedule.nextOpenDay(date.plusDays(1)).orElse(null));
        var length = schedule.rules.durationOf(command.serviceType());
        var free = schedule.freeSlots(date, length, schedule.booked(date, date));
        return new AvailabilityResult.Open(date, command.serviceType(), length, free);
    }
}
