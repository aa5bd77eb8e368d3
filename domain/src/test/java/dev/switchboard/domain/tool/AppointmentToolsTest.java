package dev.switchboard.domain.tool;

import static dev.switchboard.domain.appointment.AvailabilityFixtures.MONDAY;
import static dev.switchboard.domain.appointment.AvailabilityFixtures.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentId;
import dev.switchboard.domain.appointment.SalonCalendar;
import dev.switchboard.domain.call.CallId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class AppointmentToolsTest {
    private final SalonCalendar salon = new SalonCalendar();
    private final CallId callId = CallId.random();
    private final ToolContext context = ToolTestSupport.context(salon.tenantId(), callId);
    private final CheckAvailabilityTool check = new CheckAvailabilityTool(salon.checkAvailability);
    private final BookAppointmentTool book = new BookAppointmentTool(salon.bookAppointment);
    private final CancelAppointmentTool cancel = new CancelAppointmentTool(salon.cancelAppointment, salon.tenants);

    private static Map<String, Object> booking(String date, String time) {
        var args = new LinkedHashMap<String, Object>();
        args.put("date", date);
        args.put("time", time);
        args.put("client_name", "Jean Dupont");
        args.put("client_phone", "+33 6 11 22 33 44");
        args.put("service_type", "haircut");
        return args;
    }

    @Test
    void definitions_name_their_parameters_and_required_ones() {
        assertThat(check.definition().name()).isEqualTo("check_availability");
        assertThat(check.definition().parameters()).containsEntry("type", "object").containsEntry("required", List.of("date"));
        assertThat((Map<String, Object>) check.definition().parameters().get("properties")).containsOnlyKeys("date", "service_type");
        assertThat(book.definition().name()).isEqualTo("book_appointment");
        assertThat((Map<String, Object>) book.definition().parameters().get("properties"))
                .containsOnlyKeys("date", "time", "client_name", "client_phone", "service_type");
        assertThat(book.definition().parameters()).containsEntry("required", List.of("date", "time", "client_name", "service_type"));
        assertThat(cancel.definition().name()).isEqualTo("cancel_appointment");
        assertThat(cancel.definition().parameters()).containsEntry("required", List.of("date"));
    }

    @Test
    void check_availability_lists_free_start_times() {
        salon.booked(TUESDAY, "09:30", 60, "+33600000001");
        var outcome = check.run(context, Map.of("date", "2026-03-03", "service_type", "haircut"));
        assertThat(outcome).isEqualTo(new ToolOutcome.Answer("Free start times on 2026-03-03 (Tuesday) for a 30 min haircut: "
                + "09:00, 10:30, 11:00, 11:30, 14:00, 14:30, 15:00, 15:30, 16:00, 16:30, 17:00, 17:30, 18:00, 18:30.",
                Map.of("date", "2026-03-03", "serviceType", "haircut", "result", "open", "durationMinutes", 30L,
                        "freeSlots", List.of("09:00", "10:30", "11:00", "11:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30",
                                "17:00", "17:30", "18:00", "18:30"))));
    }

    @Test
    void check_availability_says_when_closed_past_or_badly_asked() {
        assertThat(check.run(context, Map.of("date", "2026-03-02")).forModel())
                .isEqualTo("Closed on 2026-03-02 (Monday). Next open day: 2026-03-03 (Tuesday).");
        assertThat(check.run(context, Map.of("date", "2026-03-01")).forModel())
                .isEqualTo("2026-03-01 (Sunday) is in the past; today is 2026-03-02 (Monday).");
        var bad = check.run(context, Map.of("date", "03/03/2026"));
        assertThat(bad).isInstanceOf(ToolOutcome.Answer.class);
        assertThat(bad.forModel()).isEqualTo("Invalid arguments for check_availability: date must be a date as yyyy-MM-dd, "
                + "e.g. 2026-03-14 (got \"03/03/2026\"). Ask the caller if needed, then call check_availability again with corrected arguments.");
        assertThat(bad.details()).containsEntry("error", "invalid_arguments");
        assertThat(check.run(context, Map.of("date", "2026-02-30")).forModel()).contains("date must be a date as yyyy-MM-dd");
        assertThat(check.run(context, Map.of()).forModel()).contains("date is required");
        assertThat(check.run(context, Map.of("date", List.of("2026-03-03"))).forModel()).contains("date must be a string");
    }

    @Test
    void book_appointment_books_for_the_call_and_confirms() {
        var outcome = book.run(context, booking("2026-03-03", "14:30"));
        assertThat(outcome.forModel()).isEqualTo("Booked: haircut for Jean Dupont on 2026-03-03 (Tuesday) from 14:30 to 15:00. Confirm it to the caller.");
        var id = AppointmentId.parse((String) outcome.details().get("appointmentId"));
        assertThat(outcome.details()).containsEntry("result", "booked").containsEntry("date", "2026-03-03")
                .containsEntry("time", "14:30").containsEntry("end", "15:00").containsEntry("clientPhone", "+33 6 11 22 33 44");
        assertThat(salon.appointments.findById(salon.tenantId(), id)).contains(new Appointment(id, salon.tenantId(), callId,
                "Jean Dupont", "+33 6 11 22 33 44", "haircut", Instant.parse("2026-03-03T13:30:00Z"), Instant.parse("2026-03-03T14:00:00Z"),
                Appointment.Status.BOOKED, Fixtures.T0));
    }

    @Test
    void book_appointment_offers_alternatives_when_taken_or_closed() {
        salon.booked(TUESDAY, "10:00", 30, "+33600000001");
        var taken = book.run(context, booking("2026-03-03", "10:00"));
        assertThat(taken.forModel()).isEqualTo("Not booked: 2026-03-03 (Tuesday) at 10:00 is already taken. "
                + "Nearest free start times: 09:00, 09:30, 10:30. Ask the caller to choose one.");
        assertThat(taken.details()).containsEntry("result", "slot_taken")
                .containsEntry("alternatives", List.of("2026-03-03 09:00-09:30", "2026-03-03 09:30-10:00", "2026-03-03 10:30-11:00"));
        var lunch = book.run(context, booking("2026-03-03", "12h15"));
        assertThat(lunch.forModel()).isEqualTo("Not booked: a haircut at 12:15 on 2026-03-03 (Tuesday) is outside opening hours. "
                + "Nearest free start times: 10:30, 11:00, 11:30. Ask the caller to choose one.");
        var past = book.run(context, booking("2026-03-02", "09:00"));
        assertThat(past.forModel()).isEqualTo("Not booked: 2026-03-02 (Monday) at 09:00 is in the past.");
    }

    @Test
    void book_appointment_uses_the_callers_number_and_validates_the_rest() {
        var args = booking("2026-03-03", "09:00");
        args.remove("client_phone");
        var outcome = book.run(context, args);
        assertThat(outcome.details()).containsEntry("result", "booked").containsEntry("clientPhone", ToolTestSupport.CALLER);

        var bad = book.run(context, Map.of("date", "tomorrow", "time", "25:00", "client_name", " "));
        assertThat(bad.forModel()).startsWith("Invalid arguments for book_appointment: date must be a date as yyyy-MM-dd, e.g. 2026-03-14 "
                + "(got \"tomorrow\"); time must be a 24-hour time as HH:mm, e.g. 14:30 (got \"25:00\"); client_name is required; "
                + "service_type is required.");
        var anonymous = new ToolContext(salon.tenantId(), context.assistant(), callId, null);
        var noPhone = book.run(anonymous, args);
        assertThat(noPhone.forModel()).contains("client_phone is required (the caller's number is unknown)");
    }

    @Test
    void cancel_appointment_cancels_the_callers_own_booking_without_naming_anyone() {
        var appointment = salon.booked(TUESDAY, "15:00", 30, "+33 6 12 34 56 78");
        var outcome = cancel.run(context, Map.of("date", "2026-03-03"));
        assertThat(outcome).isEqualTo(new ToolOutcome.Answer("Canceled: haircut on 2026-03-03 (Tuesday) at 15:00.", "Confirm it to the caller.",
                Map.of("date", "2026-03-03", "caller", ToolTestSupport.CALLER, "result", "canceled", "appointmentId", appointment.id().toString())));
        assertThat(cancel.run(context, Map.of("date", "2026-03-03")).forModel()).isEqualTo("Nothing canceled: no appointment booked with "
                + "the number they are calling from on 2026-03-03 (Tuesday). Only those can be canceled by phone: check the day, or "
                + "offer to put them through to the team.");
    }

    /**
     * Once, any number the caller said was taken, matched on its last nine digits, and the
     * client's name was read back: a stranger could cancel anyone's booking and learn who it was.
     */
    @Test
    void cancel_appointment_ignores_a_number_the_caller_says_and_never_names_another_client() {
        var someoneElse = salon.booked(TUESDAY, "15:00", 30, "+33699999999");
        var italian = salon.booked(TUESDAY, "16:00", 30, "+39612345678");
        var outcome = cancel.run(context, Map.of("date", "2026-03-03", "client_phone", "+33699999999"));
        assertThat(outcome.details()).containsEntry("result", "not_found");
        assertThat(cancel.run(context, Map.of("date", "2026-03-03", "time", "16:00")).details()).containsEntry("result", "not_found");
        assertThat(outcome.forModel() + outcome.details()).doesNotContain("Marie", "Curie", "+33699999999");
        assertThat(salon.appointments.findById(salon.tenantId(), someoneElse.id())).contains(someoneElse);
        assertThat(salon.appointments.findById(salon.tenantId(), italian.id())).contains(italian);
        assertThat((Map<String, Object>) cancel.definition().parameters().get("properties")).containsOnlyKeys("date", "time");
    }

    @Test
    void cancel_appointment_from_a_withheld_number_cancels_nothing() {
        var appointment = salon.booked(TUESDAY, "15:00", 30, ToolTestSupport.CALLER);
        for (var withheld : new String[] {null, "anonymous", "0612345678"}) {
            var outcome = cancel.run(new ToolContext(salon.tenantId(), context.assistant(), callId, withheld), Map.of("date", "2026-03-03"));
            assertThat(outcome).isEqualTo(new ToolOutcome.Answer("Nothing canceled: the caller's number is withheld or unknown, and an "
                    + "appointment can only be canceled by phone from the number it was booked with.", "Offer to put them through to the team.",
                    Map.of("date", "2026-03-03", "result", "caller_unknown")));
        }
        assertThat(salon.appointments.findById(salon.tenantId(), appointment.id())).contains(appointment);
    }

    @Test
    void cancel_appointment_asks_which_one_when_several() {
        salon.booked(TUESDAY, "09:00", 30, ToolTestSupport.CALLER);
        salon.booked(TUESDAY, "15:00", 30, ToolTestSupport.CALLER);
        assertThat(cancel.run(context, Map.of("date", "2026-03-03")).forModel()).isEqualTo("Nothing canceled: several appointments on "
                + "2026-03-03 (Tuesday): haircut on 2026-03-03 (Tuesday) at 09:00, haircut on 2026-03-03 (Tuesday) at 15:00. "
                + "Ask which one, then call cancel_appointment again with its time.");
        assertThat(cancel.run(context, Map.of("date", "2026-03-03", "time", "15:00")).details()).containsEntry("result", "canceled");
        assertThat(MONDAY).isBefore(TUESDAY);
    }
}
