package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One tenant's calendar as of now: its rules, its timezone and its booked appointments. Shared by
 * the appointment use cases; a snapshot, so a booking decided on it can still lose the race in
 * the store (which is why {@link AppointmentRepository#add} has the last word).
 */
final class Schedule {
    /** Alternatives are looked for from this many days before the requested day (never before today)… */
    static final int DAYS_BEFORE = 3;
    /** …to this many days after it. */
    static final int DAYS_AFTER = 6;

    final TenantId tenantId;
    final ZoneId zone;
    final AvailabilityRules rules;
    final Instant now;
    private final AppointmentRepository appointments;

    private Schedule(TenantId tenantId, ZoneId zone, AvailabilityRules rules, Instant now, AppointmentRepository appointments) {
        this.tenantId = tenantId;
        this.zone = zone;
        this.rules = rules;
        this.now = now;
        this.appointments = appointments;
    }

    /** The tenant's timezone; an unknown tenant is a caller bug. */
    static ZoneId zoneOf(TenantRepository tenants, TenantId tenantId) {
        return tenants.findById(tenantId).orElseThrow(() -> new IllegalArgumentException("unknown tenant: " + tenantId)).timezone();
    }

    /** The schedule, or empty when the tenant has no availability rules yet. */
    static Optional<Schedule> load(TenantId tenantId, TenantRepository tenants, AvailabilityRepository rules,
                                   AppointmentRepository appointments, Clock clock) {
        var zone = zoneOf(tenants, tenantId);
        return rules.find(tenantId).map(r -> new Schedule(tenantId, zone, r, clock.instant(), appointments));
    }

    LocalDate today() {
        return now.atZone(zone).toLocalDate();
    }

    boolean isPast(Slot slot) {
        return slot.startsAt(zone).isBefore(now);
    }

    /** Booked appointments overlapping the days [{@code from}, {@code to}]. */
    List<Appointment> booked(LocalDate from, LocalDate to) {
        // Listed by start: one starting the evening before could still reach into the first day.
        var start = from.minusDays(1).atStartOfDay(zone).toInstant();
        var end = to.plusDays(1).atStartOfDay(zone).toInstant();
        return appointments.list(tenantId, start, end).stream().filter(a -> a.status() == Appointment.Status.BOOKED).toList();
    }

    boolean isFree(Slot slot, List<Appointment> booked) {
        var start = slot.startsAt(zone);
        var end = slot.endsAt(zone);
        return booked.stream().noneMatch(a -> a.startsAt().isBefore(end) && start.isBefore(a.endsAt()));
    }

    /** Free slots of that length on that day, in order; slots already started, or cut by a clock change, are left out. */
    List<Slot> freeSlots(LocalDate date, Duration length, List<Appointment> booked) {
        var free = new ArrayList<Slot>();
        for (var interval : rules.openOn(date))
            for (var start : rules.starts(interval, length)) {
                var slot = new Slot(date, start, start.plus(length));
                if (slot.existsIn(zone) && !isPast(slot) && isFree(slot, booked)) free.add(slot);
            }
        return free;
    }

    /**
     * Up to {@code count} free slots of {@code length} closest in time to {@code date} at
     * {@code time} (other than that very slot), in chronological order. Reads the store afresh.
     */
    List<Slot> alternatives(LocalDate date, LocalTime time, Duration length, int count) {
        var first = date.minusDays(DAYS_BEFORE).isBefore(today()) ? today() : date.minusDays(DAYS_BEFORE);
        var last = date.plusDays(DAYS_AFTER);
        if (last.isBefore(first)) return List.of();
        var booked = booked(first, last);
        var candidates = new ArrayList<Slot>();
        for (var day = first; !day.isAfter(last); day = day.plusDays(1))
            for (var slot : freeSlots(day, length, booked))
                if (!(slot.date().equals(date) && slot.start().equals(time))) candidates.add(slot);
        var target = date.atTime(time).atZone(zone).toInstant();
        Comparator<Slot> byDistance = Comparator.comparing(s -> Duration.between(target, s.startsAt(zone)).abs());
        return candidates.stream().sorted(byDistance.thenComparing(s -> s.startsAt(zone))).limit(count)
                .sorted(Comparator.comparing((Slot s) -> s.date()).thenComparing(Slot::start)).toList();
    }

    /** The first day from {@code date} (inclusive) within the next two weeks that has opening hours. */
    Optional<LocalDate> nextOpenDay(LocalDate date) {
        for (int i = 0; i < 14; i++) if (!rules.openOn(date.plusDays(i)).isEmpty()) return Optional.of(date.plusDays(i));
        return Optional.empty();
    }
}
