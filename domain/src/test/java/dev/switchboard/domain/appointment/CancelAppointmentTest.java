package dev.switchboard.domain.appointment;

import static dev.switchboard.domain.appointment.AvailabilityFixtures.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.E164Number;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CancelAppointmentTest {
    private final SalonCalendar salon = new SalonCalendar();

    private CancellationResult byClient(String phone, java.time.LocalDate date, String time) {
        return salon.cancelAppointment.cancel(new CancelAppointment.Command.ByCaller(salon.tenantId(), new E164Number(phone), date,
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
        assertThat(salon.cancelAppointment.cancel(new CancelAppointment.Command.ByCaller(other.id(), new E164Number("+33612345678"), TUESDAY, null)))
                .isEqualTo(new CancellationResult.NotFound());
        assertThat(salon.appointments.findById(salon.tenantId(), appointment.id())).contains(appointment);
    }

    @Test
    void by_the_calling_number_in_any_international_writing_frees_the_slot() {
        var appointment = salon.booked(TUESDAY, "09:00", 30, "+33 6 12-34.56 78");
        assertThat(byClient("+33612345678", TUESDAY, null)).isEqualTo(new CancellationResult.Canceled(appointment.canceled()));
        assertThat(salon.book(TUESDAY, "09:00", "haircut")).isInstanceOf(BookingResult.Booked.class);
        var written = salon.booked(TUESDAY, "11:00", 30, "0033612345678");
        assertThat(byClient("+33612345678", TUESDAY, "11:00")).isEqualTo(new CancellationResult.Canceled(written.canceled()));
    }

    /** Once, the last nine digits were enough: a caller from Italy could cancel a French client's booking. */
    @Test
    void another_country_with_the_same_last_digits_or_a_national_form_does_not_match() {
        var french = salon.booked(TUESDAY, "09:00", 30, "+33612345678");
        var national = salon.booked(TUESDAY, "15:00", 30, "06 12 34 56 78");
        assertThat(byClient("+39612345678", TUESDAY, null)).isEqualTo(new CancellationResult.NotFound());
        assertThat(byClient("+33612345678", TUESDAY, "15:00")).isEqualTo(new CancellationResult.NotFound());
        assertThat(salon.appointments.findById(salon.tenantId(), french.id())).contains(french);
        assertThat(salon.appointments.findById(salon.tenantId(), national.id())).contains(national);
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
    void client_phones_read_as_e164_only_when_written_internationally() {
        assertThat(CancelAppointment.e164("+33 6 12 34 56 78")).contains("+33612345678");
        assertThat(CancelAppointment.e164("(+1) 415-555-0100")).contains("+14155550100");
        assertThat(CancelAppointment.e164("0033612345678")).contains("+33612345678");
        assertThat(CancelAppointment.e164("0612345678")).isEmpty();
        assertThat(CancelAppointment.e164(null)).isEmpty();
        assertThat(CancelAppointment.e164("anonymous")).isEmpty();
    }
}
