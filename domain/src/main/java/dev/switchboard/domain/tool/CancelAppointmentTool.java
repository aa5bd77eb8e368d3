package dev.switchboard.domain.tool;

import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.CancelAppointment;
import dev.switchboard.domain.appointment.CancellationResult;
import dev.switchboard.domain.appointment.Slot;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cancel_appointment(date, time?)}: cancels the caller's own booked appointment on a day.
 * "Own" means booked with the number the call comes from (see {@link CancelAppointment}); there
 * is deliberately no phone argument, since anything a caller says can be someone else's number.
 * The answer names the service and time, never the client: the model reads it out.
 */
public final class CancelAppointmentTool implements Tool {
    public static final String NAME = "cancel_appointment";
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Cancel the caller's booked appointment after they confirmed they want to cancel it. Only an appointment booked "
                    + "with the phone number they are calling from can be canceled; give the start time too when they have "
                    + "several that day.",
            Schemas.object(Schemas.properties(
                    "date", Schemas.string("The day of the appointment, as yyyy-MM-dd (e.g. 2026-03-14).", Schemas.DATE_PATTERN),
                    "time", Schemas.string("Its start time, 24-hour HH:mm (e.g. 14:30); needed only when there are several that day.",
                            Schemas.TIME_PATTERN)),
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
        var invalid = args.invalid();
        if (invalid.isPresent()) return invalid.get();

        var details = new LinkedHashMap<String, Object>();
        details.put("date", date.toString());
        if (time != null) details.put("time", Slot.hhmm(time));
        var when = Words.day(date) + (time == null ? "" : " at " + Slot.hhmm(time));
        if (!E164Number.isValid(context.callerNumber())) {
            details.put("result", "caller_unknown");
            return new ToolOutcome.Answer("Nothing canceled: the caller's number is withheld or unknown, and an appointment can "
                    + "only be canceled by phone from the number it was booked with.", "Offer to put them through to the team.", details);
        }
        var caller = new E164Number(context.callerNumber());
        details.put("caller", caller.value());
        var result = cancelAppointment.cancel(new CancelAppointment.Command.ByCaller(context.tenantId(), caller, date, time), context);
        var zone = tenants.findById(context.tenantId()).map(t -> t.timezone()).orElse(ZoneId.of("UTC"));
        if (result instanceof CancellationResult.Canceled canceled) {
            details.put("result", "canceled");
            details.put("appointmentId", canceled.appointment().id().toString());
            return new ToolOutcome.Answer("Canceled: " + describe(canceled.appointment(), zone) + ".", "Confirm it to the caller.", details);
        }
        if (result instanceof CancellationResult.Ambiguous ambiguous) {
            details.put("result", "ambiguous");
            details.put("matches", ambiguous.matches().stream().map(a -> a.id().toString()).toList());
            return new ToolOutcome.Answer("Nothing canceled: several appointments on " + Words.day(date) + ": "
                    + String.join(", ", ambiguous.matches().stream().map(a -> describe(a, zone)).toList())
                    + ".", "Ask which one, then call " + NAME + " again with its time.", details);
        }
        details.put("result", "not_found");
        return new ToolOutcome.Answer("Nothing canceled: no appointment booked with the number they are calling from on " + when
                + ".", "Only those can be canceled by phone: check the day, or offer to put them through to the team.", details);
    }

    private static String describe(Appointment a, ZoneId zone) {
        var start = a.startsAt().atZone(zone);
        var service = a.serviceType() == null ? "appointment" : a.serviceType();
        return service + " on " + Words.day(start.toLocalDate()) + " at " + Slot.hhmm(start.toLocalTime());
    }
}
