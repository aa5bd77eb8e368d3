package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.api.problem.InvalidInput;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.appointment.AvailabilityRepository;
import dev.switchboard.domain.appointment.AvailabilityResult;
import dev.switchboard.domain.appointment.CheckAvailability;
import dev.switchboard.domain.appointment.Slot;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * When the tenant takes appointments ({@link AvailabilityJson} shape, in the tenant's timezone),
 * and the free slots of a day as the {@code check_availability} tool sees them.
 */
@Controller("/api/v1/availability")
@Tag(name = "Availability")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AvailabilityController {
    private final AvailabilityRepository availability;
    private final TenantRepository tenants;
    private final CheckAvailability checkAvailability;
    private final JsonMapper json;

    AvailabilityController(AvailabilityRepository availability, TenantRepository tenants, CheckAvailability checkAvailability,
                           JsonMapper json) {
        this.availability = availability;
        this.tenants = tenants;
        this.checkAvailability = checkAvailability;
        this.json = json;
    }

    /** The rules; 404 until the tenant has set some. */
    @Get
    @Operation(operationId = "getAvailability", summary = "The tenant's opening hours and appointment rules")
    @ProblemAnswers.NotFound
    AvailabilityJson.View get(Authentication auth) {
        var tenant = Caller.of(auth).tenantId();
        var rules = availability.find(tenant).orElseThrow(() -> NotFound.of("availability rules of tenant", tenant.toString()));
        return AvailabilityJson.view(rules, timezone(tenant));
    }

    /** Replaces the rules whole. */
    @Put(consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceAvailability", summary = "Replace the opening hours and appointment rules whole")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    AvailabilityJson.View replace(Authentication auth,
                                  @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AvailabilityJson.Request.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var rules = AvailabilityJson.read(JsonBody.parse(json, raw));
        availability.save(tenant, rules);
        return AvailabilityJson.view(rules, timezone(tenant));
    }

    @Serdeable
    @Schema(name = "FreeSlots", requiredProperties = {"date", "result"})
    record SlotsView(@Schema(example = "2030-03-05") String date,
                     @Schema(type = "string", allowableValues = {"open", "closed", "in_the_past", "not_configured"}, example = "open") String result,
                     @Schema(example = "coloring") String serviceType, @Schema(example = "90") Long durationMinutes, List<String> freeSlots,
                     @Schema(description = "the next day with free slots, when this one has none", example = "2030-03-07") String nextOpenDay) {}

    /** {@code date} (yyyy-MM-dd, required) and {@code service} (optional): result open, closed, in_the_past or not_configured. */
    @Get("/slots")
    @Operation(operationId = "listFreeSlots", summary = "The free slots of a day, as the check_availability tool sees them")
    @ProblemAnswers.Invalid
    SlotsView slots(Authentication auth, @Nullable @QueryValue String date, @Nullable @QueryValue String service) {
        var tenant = Caller.of(auth).tenantId();
        if (date == null || date.isBlank()) throw new InvalidInput("date", "is required");
        LocalDate day;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("date", "must be a date as yyyy-MM-dd, e.g. 2026-03-14");
        }
        var result = checkAvailability.check(new CheckAvailability.Command(tenant, day, service));
        if (result instanceof AvailabilityResult.Open open)
            return new SlotsView(day.toString(), "open", service, open.length().toMinutes(),
                    open.freeSlots().stream().map(s -> Slot.hhmm(s.start())).toList(), null);
        if (result instanceof AvailabilityResult.Closed closed)
            return new SlotsView(day.toString(), "closed", service, null, List.of(),
                    closed.nextOpenDay() == null ? null : closed.nextOpenDay().toString());
        var what = result instanceof AvailabilityResult.InThePast ? "in_the_past" : "not_configured";
        return new SlotsView(day.toString(), what, service, null, List.of(), null);
    }

    private String timezone(TenantId tenant) {
        return tenants.findById(tenant).map(t -> t.timezone().getId()).orElse("UTC");
    }
}
