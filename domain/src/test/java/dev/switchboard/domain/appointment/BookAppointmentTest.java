package dev.switchboard.domain.appointment;

import static dev.switchboard.domain.appointment.AvailabilityFixtures.CLOSED_SATURDAY;
import static dev.switchboard.domain.appointment.AvailabilityFixtures.MONDAY;
import static dev.switchboard.domain.appointment.AvailabilityFixtures.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BookAppointmentTest {
    private final SalonCalendar salon = new SalonCalendar();

    private static Slot slot(java.time.LocalDate date, String start, String end) {
        return new Slot(date, LocalTime.parse(start), LocalTime.parse(end));
    }

    @Test
    void books_a_free_slot_for_the_call_in_the_salons_timezone() {
        var callId = CallId.random();
        var result = salon.bookAppointment.book(new BookAppointment.Command(salon.tenantId(), TUESDAY, LocalTime.of(9, 0),
                " haircut ", " Jean Dupont ", "+33612345678", callId));
        assertThat(result).isInstanceOf(BookingResult.Booked.class);
        var booked = (BookingResult.Booked) result;
        assertThat(booked.slot()).isEqualTo(slot(TUESDAY, "09:00", "09:30"));
        assertThat(salon.appointments.findById(salon.tenantId(), booked.id())).contains(new Appointment(booked.id(), salon.tenantId(),
                callId, "Jean Dupont", "+33612345678", "haircut", Instant.parse("2026-03-03T08:00:00Z"),
                Instant.parse("2026-03-03T08:30:00Z"), Appointment.Status.BOOKED, Fixtures.T0));
    }

    @Test
    void a_taken_slot_offers_the_nearest_free_ones() {
        salon.booked(TUESDAY, "10:00", 30, "+33600000001");
        assertThat(salon.book(TUESDAY, "10:00", "haircut")).isEqualTo(new BookingResult.SlotTaken(slot(TUESDAY, "10:00", "10:30"),
                List.of(slot(TUESDAY, "09:00", "09:30"), slot(TUESDAY, "09:30", "10:00"), slot(TUESDAY, "10:30", "11:00"))));
        assertThat(salon.appointments.list(salon.tenantId(), Fixtures.T0, Fixtures.T0.plusSeconds(86_400 * 7))).hasSize(1);
    }

    @Test
    void outside_opening_hours_offers_slots_that_fit() {
        assertThat(salon.book(TUESDAY, "12:00", "haircut")).isEqualTo(new BookingResult.OutsideOpeningHours(slot(TUESDAY, "12:00", "12:30"),
                List.of(slot(TUESDAY, "10:30", "11:00"), slot(TUESDAY, "11:00", "11:30"), slot(TUESDAY, "11:30", "12:00"))));
        var closedDay = salon.book(CLOSED_SATURDAY, "10:00", "haircut");
        var friday = CLOSED_SATURDAY.minusDays(1);
        assertThat(closedDay).isEqualTo(new BookingResult.OutsideOpeningHours(slot(CLOSED_SATURDAY, "10:00", "10:30"),
                List.of(slot(friday, "17:30", "18:00"), slot(friday, "18:00", "18:30"), slot(friday, "18:30", "19:00"))));
        var pastMidnight = (BookingResult.OutsideOpeningHours) salon.book(TUESDAY, "23:30", "coloring");
        assertThat(pastMidnight.slot().label()).isEqualTo("2026-03-03 23:30-24:00");
        assertThat(SalonCalendar.labels(pastMidnight.alternatives()))
                .containsExactly("2026-03-03 16:30-18:00", "2026-03-03 17:00-18:30", "2026-03-03 17:30-19:00");
    }

    @Test
    void the_past_and_missing_rules_book_nothing() {
        assertThat(salon.book(MONDAY, "09:00", "haircut")).isEqualTo(new BookingResult.InThePast(slot(MONDAY, "09:00", "09:30")));
        var unconfigured = Fixtures.tenant("New");
        salon.tenants.save(unconfigured);
        assertThat(salon.bookAppointment.book(new BookAppointment.Command(unconfigured.id(), TUESDAY, LocalTime.of(9, 0), null,
                "Jean", null, null))).isEqualTo(new BookingResult.NotConfigured());
    }

    @Test
    void losing_the_race_in_the_store_is_a_taken_slot_with_fresh_alternatives() {
        var store = new InMemoryAppointmentRepository();
        var rival = new AtomicBoolean();
        // Reads the calendar before the rival's booking lands, as a concurrent call would.
        var racing = new AppointmentRepository() {
            @Override
            public void add(Appointment appointment) {
                store.add(appointment);
            }

            @Override
            public Optional<Appointment> findById(TenantId tenantId, AppointmentId id) {
                return store.findById(tenantId, id);
            }

            @Override
            public List<Appointment> list(TenantId tenantId, Instant from, Instant to) {
                var before = store.list(tenantId, from, to);
                if (rival.compareAndSet(false, true))
                    store.add(new Appointment(AppointmentId.random(), tenantId, null, "Rival", "+33600000009", "haircut",
                            Instant.parse("2026-03-03T08:00:00Z"), Instant.parse("2026-03-03T08:30:00Z"), Appointment.Status.BOOKED, Fixtures.T0));
                return before;
            }

            @Override
            public boolean cancel(TenantId tenantId, AppointmentId id) {
                return store.cancel(tenantId, id);
            }
        };
        var calendar = new SalonCalendar(Fixtures.T0, racing);
        assertThat(calendar.book(TUESDAY, "09:00", "haircut")).isEqualTo(new BookingResult.SlotTaken(slot(TUESDAY, "09:00", "09:30"),
                List.of(slot(TUESDAY, "09:30", "10:00"), slot(TUESDAY, "10:00", "10:30"), slot(TUESDAY, "10:30", "11:00"))));
    }

    /**
     * In Paris the clocks skip from 02:00 to 03:00 on 2026-03-29. A booking at 02:30 once reached
     * the store as 03:30-03:00 and failed its appointments_period check (an error, not an answer).
     */
    @Test
    void a_time_the_clocks_skip_is_not_a_valid_time() {
        var night = new java.util.EnumMap<java.time.DayOfWeek, List<OpeningInterval>>(java.time.DayOfWeek.class);
        for (var day : java.time.DayOfWeek.values()) night.put(day, List.of(OpeningInterval.parse("01:00-04:00")));
        salon.availability.save(salon.tenantId(), new AvailabilityRules(night, java.time.Duration.ofMinutes(30), java.util.Map.of("coloring", java.time.Duration.ofMinutes(90)),
                java.time.Duration.ofMinutes(30), new java.util.TreeSet<>()));
        var springForward = java.time.LocalDate.of(2026, 3, 29);

        var result = salon.book(springForward, "02:30", "haircut");

        assertThat(result).isEqualTo(new BookingResult.NotAValidTime(slot(springForward, "02:30", "03:00"), List.of(
                slot(springForward, "01:30", "02:00"), slot(springForward, "03:00", "03:30"), slot(springForward, "03:30", "04:00"))));
        assertThat(salon.book(springForward, "01:30", "coloring")).isInstanceOf(BookingResult.NotAValidTime.class);
        assertThat(salon.book(springForward, "03:00", "haircut")).isInstanceOf(BookingResult.Booked.class);
        var open = (AvailabilityResult.Open) salon.checkAvailability.check(new CheckAvailability.Command(salon.tenantId(), springForward, "haircut"));
        assertThat(SalonCalendar.starts(open.freeSlots())).containsExactly("01:00", "01:30", "03:30");
    }
}
