package dev.switchboard.domain.appointment;

import static dev.switchboard.domain.appointment.AvailabilityFixtures.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CancelAppointmentTest {
    private final SalonCalendar salon = new SalonCalendar();

    private CancellationResult byClient(String phone, java.time.LocalDate date, String time) {
        return salon.cancelAppointment.cancel(new CancelAppointment.Command.ByClient(salon.tenantId(), phone, date,
                time == null ? null : LocalTime.parse(time)));
    }

    @Test
    void by_id_once_then_already_canceled() {
        var appointment = salon.booked(TUESDAY, "09:00", 30, "+33612345678");
        var byId = new CancelAppointment.Command.ById(salon.tenantId(), appointment.id());
        assertThat(salon.cancelAppointment.cancel(byId)).isEqualTo(new CancellationResult.Canceled(appointment.canceled()));
        assertThat(salon.cancelAppointment.cancel(byId)).isEqualTo(new CancellationResult.AlreadyCanceled(appointment.canceled()));
        assertThat(salon.cancelAppointment.cancel(new CancelAppointment.Command.ById(salon.tenantId(), AppointmentId.random())))
                .isEqualTo(new CancellationResult.NotFound());
    }

    @Test
    void another_tenants_appointment_is_not_found() {
        var appointment = salon.booked(TUESDAY, "09:00", 30, "+33612345678");
        var other = Fixtures.tenant("Other");
        salon.tenants.save(other);
        assertThat(salon.cancelAppointment.cancel(new CancelAppointment.Command.ById(other.id(), appointment.id())))
                .isEqualTo(new CancellationResult.NotFound());
        assertThat(salon.cancelAppointment.cancel(new CancelAppointment.Command.ByClient(other.id(), "+33612345678", TUESDAY, null)))
                .isEqualTo(new CancellationResult.NotFound());
        assertThat(salon.appointments.findById(salon.tenantId(), appointment.id())).contains(appointment);
    }

    @Test
    void by_client_phone_in_national_form_frees_the_slot() {
        var appointment = salon.booked(TUESDAY, "09:00", 30, "+33612345678");
        assertThat(byClient("06 12 34 56 78", TUESDAY, null)).isEqualTo(new CancellationResult.Canceled(appointment.canceled()));
        assertThat(salon.book(TUESDAY, "09:00", "haircut")).isInstanceOf(BookingResult.Booked.class);
    }

    @Test
    void several_the_same_day_need_the_time() {
        var morning = salon.booked(TUESDAY, "09:00", 30, "+33612345678");
        var afternoon = salon.booked(TUESDAY, "15:00", 30, "+33612345678");
        assertThat(byClient("+33612345678", TUESDAY, null)).isEqualTo(new CancellationResult.Ambiguous(java.util.List.of(morning, afternoon)));
        assertThat(byClient("+33612345678", TUESDAY, "15:00")).isEqualTo(new CancellationResult.Canceled(afternoon.canceled()));
        assertThat(byClient("+33612345678", TUESDAY, null)).isEqualTo(new CancellationResult.Canceled(morning.canceled()));
    }

    @Test
    void another_day_or_another_phone_is_not_found() {
        salon.booked(TUESDAY, "09:00", 30, "+33612345678");
        assertThat(byClient("+33612345678", TUESDAY.plusDays(1), null)).isEqualTo(new CancellationResult.NotFound());
        assertThat(byClient("+33699999999", TUESDAY, null)).isEqualTo(new CancellationResult.NotFound());
        assertThat(byClient("+33612345678", TUESDAY, "09:30")).isEqualTo(new CancellationResult.NotFound());
    }

    @Test
    void phones_match_on_digits_and_national_forms() {
        assertThat(CancelAppointment.samePhone("+33612345678", "+33 6 12 34 56 78")).isTrue();
        assertThat(CancelAppointment.samePhone("+33612345678", "0612345678")).isTrue();
        assertThat(CancelAppointment.samePhone("+33612345678", "0612345679")).isFalse();
        assertThat(CancelAppointment.samePhone(null, "0612345678")).isFalse();
        assertThat(CancelAppointment.samePhone("12345", "12345")).isTrue();
    }
}
