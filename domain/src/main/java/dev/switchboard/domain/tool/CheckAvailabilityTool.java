package dev.switchboard.domain.tool;

import dev.switchboard.domain.appointment.AvailabilityResult;
import dev.switchboard.domain.appointment.CheckAvailability;
import dev.switchboard.domain.appointment.Slot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code check_availability(date, service_type?)}: free start times on one day, on the business's clock. */
public final class CheckAvailabilityTool implements Tool {
    public static final String NAME = "check_availability";
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "List the free appointment start times on one day, in the business's local time. Call it before proposing "
                    + "or booking a time. The service decides how long the appointment lasts.",
            Schemas.object(Schemas.properties(
                    "date", Schemas.string("The day, as yyyy-MM-dd (e.g. 2026-03-14), in the business's local time.", Schemas.DATE_PATTERN),
                    "service_type", Schemas.string("The service wanted, e.g. \"haircut\" or \"coloring\"; omit if unknown.")),
                    List.of("date")));

    private final CheckAvailability checkAvailability;

    public CheckAvailabilityTool(CheckAvailability checkAvailability) {
        this.checkAvailability = checkAvailability;
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
        var args = new ToolArguments(NAME, arguments);
        var date = args.date("date", true);
        var service = args.text("service_type", false, 100);
        var invalid = args.invalid();
        if (invalid.isPresent()) return invalid.get();

        var result = checkAvailability.check(new CheckAvailability.Command(context.tenantId(), date, service));
        var details = new LinkedHashMap<String, Object>();
        details.put("date", date.toString());
        if (service != null) details.put("serviceType", service);
        if (result instanceof AvailabilityResult.Open open) {
            details.put("result", "open");
            details.put("durationMinutes", open.length().toMinutes());
            details.put("freeSlots", open.freeSlots().stream().map(s -> Slot.hhmm(s.start())).toList());
            var what = Words.minutes(open.length()) + (service == null ? " appointment" : " " + service);
            if (open.freeSlots().isEmpty())
                return new ToolOutcome.Answer("No free time on " + Words.day(date) + " for a " + what + ": fully booked.", "Offer another day.", details);
            return new ToolOutcome.Answer("Free start times on " + Words.day(date) + " for a " + what + ": "
                    + Words.slots(open.freeSlots(), date) + ".", details);
        }
        if (result instanceof AvailabilityResult.Closed closed) {
            details.put("result", "closed");
            var next = closed.nextOpenDay() == null ? "" : " Next open day: " + Words.day(closed.nextOpenDay()) + ".";
            if (closed.nextOpenDay() != null) details.put("nextOpenDay", closed.nextOpenDay().toString());
            return new ToolOutcome.Answer("Closed on " + Words.day(date) + "." + next, details);
        }
        if (result instanceof AvailabilityResult.InThePast past) {
            details.put("result", "in_the_past");
            return new ToolOutcome.Answer(Words.day(date) + " is in the past; today is " + Words.day(past.today()) + ".", details);
        }
        details.put("result", "not_configured");
        return new ToolOutcome.Answer(NOT_CONFIGURED, details);
    }

    static final String NOT_CONFIGURED = "Appointments cannot be booked by phone: this business has not set its opening hours. "
            + "Offer a transfer or a message instead.";
}
