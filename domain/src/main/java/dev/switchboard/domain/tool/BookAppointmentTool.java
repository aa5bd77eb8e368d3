package dev.switchboard.domain.tool;

import dev.switchboard.domain.appointment.BookAppointment;
import dev.switchboard.domain.appointment.BookingResult;
import dev.switchboard.domain.appointment.Slot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code book_appointment(date, time, client_name, client_phone, service_type)}: books the slot
 * for the call that is running, or answers why not with the nearest free slots. The client's
 * phone defaults to the number the caller is calling from.
 */
public final class BookAppointmentTool implements Tool {
    public static final String NAME = "book_appointment";
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Book an appointment once the caller has agreed on a day, time and service. If the time is taken or outside "
                    + "opening hours, nothing is booked and the nearest free times are returned to offer instead.",
            Schemas.object(Schemas.properties(
                    "date", Schemas.string("The day, as yyyy-MM-dd (e.g. 2026-03-14), in the business's local time.", Schemas.DATE_PATTERN),
                    "time", Schemas.string("The start time, 24-hour HH:mm (e.g. 14:30), in the business's local time.", Schemas.TIME_PATTERN),
                    "client_name", Schemas.string("The client's name as they gave it, e.g. \"Jean Dupont\"."),
                    "client_phone", Schemas.string("The client's phone number, ideally in E.164 form (e.g. +33612345678). "
                            + "Omit it to use the number the caller is calling from."),
                    "service_type", Schemas.string("The service booked, e.g. \"haircut\"; it decides the length.")),
                    List.of("date", "time", "client_name", "service_type")));

    private final BookAppointment bookAppointment;

    public BookAppointmentTool(BookAppointment bookAppointment) {
        this.bookAppointment = bookAppointment;
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
        var args = new ToolArguments(NAME, arguments);
        var date = args.date("date", true);
        var time = args.time("time", true);
        var name = args.text("client_name", true, 200);
        var phone = args.text("client_phone", false, 40);
        var service = args.text("service_type", true, 100);
        if (phone == null) phone = context.callerNumber();
        if (phone == null || phone.isBlank()) args.problem("client_phone is required (the caller's number is unknown)");
        var invalid = args.invalid();
        if (invalid.isPresent()) return invalid.get();

        var result = bookAppointment.book(new BookAppointment.Command(context.tenantId(), date, time, service, name, phone,
                context.callId()), context);
        var details = new LinkedHashMap<String, Object>();
        details.put("date", date.toString());
        details.put("time", Slot.hhmm(time));
        details.put("serviceType", service);
        details.put("clientName", name);
        details.put("clientPhone", phone);
        if (result instanceof BookingResult.Booked booked) {
            details.put("result", "booked");
            details.put("appointmentId", booked.id().toString());
            details.put("end", Slot.hhmm(booked.slot().end()));
            return new ToolOutcome.Answer("Booked: " + service + " for " + name + " on " + Words.day(date) + " from "
                    + Slot.hhmm(booked.slot().start()) + " to " + Slot.hhmm(booked.slot().end()) + ".", "Confirm it to the caller.", details);
        }
        if (result instanceof BookingResult.SlotTaken taken) {
            details.put("result", "slot_taken");
            details.put("alternatives", Words.labels(taken.alternatives()));
            return new ToolOutcome.Answer("Not booked: " + Words.day(date) + " at " + Slot.hhmm(time) + " is already taken. "
                    + nearest(taken.alternatives(), date), choose(taken.alternatives()), details);
        }
        if (result instanceof BookingResult.OutsideOpeningHours outside) {
            details.put("result", "outside_opening_hours");
            details.put("alternatives", Words.labels(outside.alternatives()));
            return new ToolOutcome.Answer("Not booked: a " + service + " at " + Slot.hhmm(time) + " on " + Words.day(date)
                    + " is outside opening hours. " + nearest(outside.alternatives(), date), choose(outside.alternatives()), details);
        }
        if (result instanceof BookingResult.NotAValidTime notValid) {
            details.put("result", "not_a_valid_time");
            details.put("alternatives", Words.labels(notValid.alternatives()));
            return new ToolOutcome.Answer("Not booked: " + Slot.hhmm(time) + " on " + Words.day(date) + " is not a valid time: the "
                    + "clocks change then. " + nearest(notValid.alternatives(), date), choose(notValid.alternatives()), details);
        }
        if (result instanceof BookingResult.InThePast) {
            details.put("result", "in_the_past");
            return new ToolOutcome.Answer("Not booked: " + Words.day(date) + " at " + Slot.hhmm(time) + " is in the past.", details);
        }
        details.put("result", "not_configured");
        return new ToolOutcome.Answer(CheckAvailabilityTool.NOT_CONFIGURED, details);
    }

    private static String nearest(List<Slot> alternatives, java.time.LocalDate date) {
        if (alternatives.isEmpty()) return "No free time nearby in the coming week.";
        return "Nearest free start times: " + Words.slots(alternatives, date) + ".";
    }

    /** What the model should do with the alternatives (kept apart from the report: the summary leaves it out). */
    private static String choose(List<Slot> alternatives) {
        return alternatives.isEmpty() ? "Offer another week, a transfer or a message." : "Ask the caller to choose one.";
    }
}
