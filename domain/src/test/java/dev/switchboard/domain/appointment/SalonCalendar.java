package dev.switchboard.domain.appointment;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.InMemoryTenantRepository;
import dev.switchboard.domain.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The salon tenant (Paris) with its rules, in-memory stores and use cases, at a fixed instant
 * (by default {@code Fixtures.T0}: Monday 2026-03-02, 10:00 in Paris). Public so the tool tests can use it.
 */
public final class SalonCalendar {
    public final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
    public final InMemoryAvailabilityRepository availability = new InMemoryAvailabilityRepository();
    public final AppointmentRepository appointments;
    public final Tenant tenant = Fixtures.tenant("Salon Lumière");
    public final Clock clock;
    public final CheckAvailability checkAvailability;
    public final BookAppointment bookAppointment;
    public final CancelAppointment cancelAppointment;

    public SalonCalendar() {
        this(Fixtures.T0, new InMemoryAppointmentRepository());
    }

    public SalonCalendar(Instant now, AppointmentRepository appointments) {
        this.appointments = appointments;
        this.clock = Clock.fixed(now, ZoneOffset.UTC);
        tenants.save(tenant);
        availability.save(tenant.id(), AvailabilityFixtures.salon());
        checkAvailability = new CheckAvailability(tenants, availability, appointments, clock);
        bookAppointment = new BookAppointment(tenants, availability, appointments, clock);
        cancelAppointment = new CancelAppointment(tenants, appointments);
    }

    public TenantId tenantId() {
        return tenant.id();
    }

    /** Stores a booked appointment directly, at a wall-clock time of the salon. */
    public Appointment booked(LocalDate date, String time, int minutes, String phone) {
        var start = date.atTime(LocalTime.parse(time)).atZone(tenant.timezone()).toInstant();
        var appointment = new Appointment(AppointmentId.random(), tenant.id(), null, "Marie Curie", phone, "haircut",
                start, start.plus(Duration.ofMinutes(minutes)), Appointment.Status.BOOKED, Fixtures.T0);
        appointments.add(appointment);
        return appointment;
    }

    public BookingResult book(LocalDate date, String time, String service) {
        return bookAppointment.book(new BookAppointment.Command(tenant.id(), date, LocalTime.parse(time), service, "Jean Dupont",
                "+33612345678", null));
    }

    /** Start times as {@code HH:mm}. */
    public static List<String> starts(List<Slot> slots) {
        return slots.stream().map(s -> Slot.hhmm(s.start())).toList();
    }

    /** Slots as {@code yyyy-MM-dd HH:mm-HH:mm}. */
    public static List<String> labels(List<Slot> slots) {
        return slots.stream().map(Slot::label).toList();
    }
}
