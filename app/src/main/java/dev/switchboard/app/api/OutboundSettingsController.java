package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.outbound.CallingHours;
import dev.switchboard.domain.outbound.OutboundLimits;
import dev.switchboard.domain.outbound.OutboundLimitsRepository;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The caller's tenant's limits on placing calls: {@code maxConcurrentOutboundCalls},
 * {@code callsPerSecond} and {@code callingHours} {start, end} ("HH:mm", the tenant's timezone).
 */
@Controller("/api/v1/outbound-settings")
@ExecuteOn(TaskExecutors.BLOCKING)
final class OutboundSettingsController {
    private final OutboundLimitsRepository limits;
    private final OutboundLimits defaults;
    private final JsonMapper json;

    OutboundSettingsController(OutboundLimitsRepository limits, OutboundLimits defaults, JsonMapper json) {
        this.limits = limits;
        this.defaults = defaults;
        this.json = json;
    }

    @Serdeable
    record HoursView(String start, String end) {}

    @Serdeable
    record LimitsView(int maxConcurrentOutboundCalls, int callsPerSecond, HoursView callingHours, boolean platformDefaults) {}

    @Get
    LimitsView get(Authentication auth) {
        var tenant = Caller.of(auth).tenantId();
        return view(tenant);
    }

    /** Body: any of {maxConcurrentOutboundCalls, callsPerSecond, callingHours: {start, end}}; the rest stays. */
    @Put(consumes = MediaType.APPLICATION_JSON)
    LimitsView update(Authentication auth, @Body String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var current = limits.find(tenant).orElse(defaults);
        var body = JsonBody.parse(json, raw);
        var concurrent = body.integer("maxConcurrentOutboundCalls", false);
        var cps = body.integer("callsPerSecond", false);
        var hours = body.object("callingHours", false);
        LocalTime start = null;
        LocalTime end = null;
        if (hours != null) {
            start = hours.convert("start", hours.text("start", true, 8), OutboundSettingsController::time);
            end = hours.convert("end", hours.text("end", true, 8), OutboundSettingsController::time);
        }
        var callingHours = start != null && end != null ? new CallingHours(start, end) : current.callingHours();
        var updated = body.convert("body", Boolean.TRUE, ignored -> new OutboundLimits(concurrent == null ? current.maxConcurrentCalls() : concurrent,
                cps == null ? current.callsPerSecond() : cps, callingHours));
        if (updated == null) {
            // The domain named the field in its message ("callsPerSecond: must be …"): report it there.
            try {
                new OutboundLimits(concurrent == null ? current.maxConcurrentCalls() : concurrent, cps == null ? current.callsPerSecond() : cps, callingHours);
            } catch (IllegalArgumentException e) {
                var message = e.getMessage();
                var colon = message.indexOf(": ");
                if (colon > 0) body.reject(message.substring(0, colon), message.substring(colon + 2));
            }
        }
        body.validate();
        limits.save(tenant, updated);
        return view(tenant);
    }

    private LimitsView view(TenantId tenant) {
        var own = limits.find(tenant);
        var l = own.orElse(defaults);
        return new LimitsView(l.maxConcurrentCalls(), l.callsPerSecond(),
                new HoursView(l.callingHours().start().toString(), l.callingHours().end().toString()), own.isEmpty());
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a time of day such as 08:00");
        }
    }
}
