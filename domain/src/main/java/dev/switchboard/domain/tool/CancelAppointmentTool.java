package dev.switchboard.domain.tool;

import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.CancelAppointment;
import dev.switchboard.domain.appointment.CancellationResult;
import dev.switchboard.domain.appointment.Slot;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cancel_appointment(date, time?, client_phone?)}: cancels the caller's booked appointment
 * on a day, found by the client's phone number (by default the number calling).
 */
public final class CancelAppointmentTool implements Tool {
    public static final String NAME = "cancel_appointment";
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Cancel a booked appointment after the caller confirmed they want to cancel it. It is found by the client's "
                    + "phone number and day; give the start time too when they have several that day.",
            Schemas.object(Schemas.properties(
                    "date", Schemas.string("The day of the appointment, as yyyy-MM-dd (e.g. 2026-03-14).", Schemas.DATE_PATTERN),
                    "time", Schemas.string("Its start time, 24-hour HH:mm (e.g. 14:30); needed only when there are several that day.",
                            Schemas.TIME_PATTERN),
                    "client_phone", Schemas.string("The phone number the appointment was booked with. Omit it to use the "
                            + "number the caller is calling from.")),
                    List.of("date")));

    private final CancelAppointment cancelAppointment;
    private final TenantRepository tenants;

    public CancelAppointmentTool(CancelAppointment cancelAppointment, TenantRepository tenants) {
        this.cancelAppointment = cancelAppointment;
        this.tenants = tenants;
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
        var args = new ToolArguments(NAME, arguments);
        var date = args.date("date", true);
        var time = args.time("time", false);
        var phone = args.text("client_phone", false, 40);
        if (phone == null) phone = context.callerNumber();
        if (phone == null) args.problem("client_phone is required (the caller's number is unknown)");
        else if (phone.replaceAll("\\D", "").length() < 6) args.problem("client_phone must be a phone number, e.g. +33612345678");
        var invalid = args.invalid();
        if (invalid.isPresent()) return invalid.get();

        var result = cancelAppointment.cancel(new CancelAppointment.Command.ByClient(context.tenantId(), phone, date, time));
        var zone = tenants.findById(context.tenantId()).map(t -> t.timezone()).orElse(ZoneId.of("UTC"));
        var details = new LinkedHashMap<String, Object>();
        details.put("date", date.toString());
        if (time != null) details.put("time", Slot.hhmm(time));
        details.put("clientPhone", phone);
        var when = Words.day(date) + (time == null ? "" : " at " + Slot.hhmm(time));
        if (result instanceof CancellationResult.Canceled canceled) {
            var a = canceled.appointment();
            details.put("result", "canceled");
            details.put("appointmentId", a.id().toString());
            return new ToolOutcome.Answer("Canceled: " + describe(a, zone) + " for " + a.clientName() + ". Confirm it to the caller.", details);
        }
        if (result instanceof CancellationResult.Ambiguous ambiguous) {
            details.put("result", "ambiguous");
            details.put("matches", ambiguous.matches().stream().map(a -> a.id().toString()).toList());
            return new ToolOutcome.Answer("Nothing canceled: several appointments on " + Words.day(date) + ": "
                    + String.join(", ", ambiguous.matches().stream().map(a -> describe(a, zone)).toList())
                    + ". Ask which one, then call " + NAME + " again with its time.", details);
        }
        details.put("result", "not_found");
        return new ToolOutcome.Answer("Nothing canceled: no booked appointment for " + phone + " on " + when
                + ". Check the day and the phone number with the caller.", details);
    }

    private static String describe(Appointment a, ZoneId zone) {
        var start = a.startsAt().atZone(zone);
        var service = a.serviceType() == null ? "appointment" : a.serviceType();
        return service + " on " + Words.day(start.toLocalDate()) + " at " + Slot.hhmm(start.toLocalTime());
    }
}
