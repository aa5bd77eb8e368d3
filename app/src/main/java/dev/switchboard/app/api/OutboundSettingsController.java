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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * The caller's tenant's limits on placing calls: {@code maxConcurrentOutboundCalls},
 * {@code callsPerSecond} and {@code callingHours} {start, end} ("HH:mm", the tenant's timezone).
 */
@Controller("/api/v1/outbound-settings")
@Tag(name = "Outbound settings")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
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

    /** The body of {@code PUT /outbound-settings}, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "OutboundSettingsRequest", description = "Any of the fields; the rest stays.")
    record LimitsRequest(@Schema(example = "5") Integer maxConcurrentOutboundCalls, @Schema(example = "1") Integer callsPerSecond,
                         HoursRequest callingHours) {}

    @Schema(name = "CallingHoursRequest")
    record HoursRequest(@Schema(requiredMode = RequiredMode.REQUIRED, example = "09:00") String start,
                        @Schema(requiredMode = RequiredMode.REQUIRED, example = "19:00") String end) {}

    @Serdeable
    @Schema(name = "CallingHours", requiredProperties = {"start", "end"})
    record HoursView(@Schema(example = "09:00") String start, @Schema(example = "18:00") String end) {}

    @Serdeable
    @Schema(name = "OutboundSettings", requiredProperties = {"maxConcurrentOutboundCalls", "callsPerSecond", "platformDefaults"})
    record LimitsView(@Schema(example = "3") int maxConcurrentOutboundCalls, @Schema(example = "1") int callsPerSecond, HoursView callingHours,
                      @Schema(description = "true until the tenant sets its own limits") boolean platformDefaults) {}

    @Get
    @Operation(operationId = "getOutboundSettings", summary = "The tenant's limits on placing calls")
    LimitsView get(Authentication auth) {
        var tenant = Caller.of(auth).tenantId();
        return view(tenant);
    }

    @Put(consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateOutboundSettings", summary = "Change some of the limits on placing calls; the rest stays")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    LimitsView update(Authentication auth, @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LimitsRequest.class))) String raw) {
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
