package dev.switchboard.domain.appointment;

import static dev.switchboard.domain.appointment.AvailabilityFixtures.CLOSED_SATURDAY;
import static dev.switchboard.domain.appointment.AvailabilityFixtures.MONDAY;
import static dev.switchboard.domain.appointment.AvailabilityFixtures.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckAvailabilityTest {
    private final SalonCalendar salon = new SalonCalendar();

    private AvailabilityResult check(SalonCalendar calendar, LocalDate date, String service) {
        return calendar.checkAvailability.check(new CheckAvailability.Command(calendar.tenantId(), date, service));
    }

    private List<String> freeStarts(SalonCalendar calendar, LocalDate date, String service) {
        var result = check(calendar, date, service);
        assertThat(result).isInstanceOf(AvailabilityResult.Open.class);
        return SalonCalendar.starts(((AvailabilityResult.Open) result).freeSlots());
    }

    @Test
    void an_empty_day_offers_every_slot_of_the_grid() {
        assertThat(freeStarts(salon, TUESDAY, "haircut")).containsExactly("09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
                "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30", "18:00", "18:30");
        var open = (AvailabilityResult.Open) check(salon, TUESDAY, "haircut");
        assertThat(open.freeSlots().get(0)).isEqualTo(new Slot(TUESDAY, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(9, 30)));
        assertThat(open.length()).isEqualTo(Duration.ofMinutes(30));
        assertThat(open.serviceType()).isEqualTo("haircut");
    }

    @Test
    void booked_appointments_and_the_service_length_remove_slots() {
        salon.booked(TUESDAY, "09:30", 30, "+33600000001");
        assertThat(freeStarts(salon, TUESDAY, "Coloring")).containsExactly("10:00", "10:30",
                "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30");
        assertThat(freeStarts(salon, TUESDAY, "unknown service")).containsExactly("10:00", "10:30", "11:00",
                "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30", "18:00");
    }

    @Test
    void canceled_appointments_and_other_tenants_do_not_block() {
        var canceled = salon.booked(TUESDAY, "09:00", 180, "+33600000001");
        salon.appointments.cancel(salon.tenantId(), canceled.id());
        var other = Fixtures.tenant("Other");
        salon.tenants.save(other);
        var start = TUESDAY.atTime(9, 0).atZone(ZoneId.of("Europe/Paris")).toInstant();
        salon.appointments.add(Fixtures.appointment(other.id(), start, Duration.ofHours(10)));
        assertThat(freeStarts(salon, TUESDAY, "haircut")).hasSize(16);
    }

    @Test
    void slots_that_already_started_today_are_left_out() {
        var tuesdayAt1005 = Instant.parse("2026-03-03T09:05:00Z");
        var calendar = new SalonCalendar(tuesdayAt1005, new InMemoryAppointmentRepository());
        assertThat(freeStarts(calendar, TUESDAY, "haircut")).containsExactly("10:30", "11:00", "11:30",
                "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30", "18:00", "18:30");
    }

    @Test
    void closed_days_name_the_next_open_one() {
        assertThat(check(salon, MONDAY, null)).isEqualTo(new AvailabilityResult.Closed(MONDAY, TUESDAY));
        assertThat(check(salon, CLOSED_SATURDAY, null)).isEqualTo(new AvailabilityResult.Closed(CLOSED_SATURDAY, LocalDate.of(2026, 3, 17)));
    }

    @Test
    void past_days_and_missing_rules_are_said_so() {
        assertThat(check(salon, LocalDate.of(2026, 2, 28), null)).isEqualTo(new AvailabilityResult.InThePast(LocalDate.of(2026, 2, 28), MONDAY));
        var unconfigured = Fixtures.tenant("New");
        salon.tenants.save(unconfigured);
        assertThat(salon.checkAvailability.check(new CheckAvailability.Command(unconfigured.id(), TUESDAY, null)))
                .isEqualTo(new AvailabilityResult.NotConfigured());
    }

    @Test
    void a_fully_booked_day_is_open_with_no_slot() {
        salon.booked(TUESDAY, "09:00", 180, "+33600000001");
        salon.booked(TUESDAY, "14:00", 300, "+33600000002");
        assertThat(check(salon, TUESDAY, "haircut")).isEqualTo(new AvailabilityResult.Open(TUESDAY, "haircut", Duration.ofMinutes(30), List.of()));
    }
}
