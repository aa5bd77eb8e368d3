package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.tenant.Tenant;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** The caller's own tenant: read it, rename it, set its timezone. */
@Controller("/api/v1/tenant")
@Tag(name = "Tenant")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TenantController {
    private final TenantRepository tenants;
    private final JsonMapper json;

    TenantController(TenantRepository tenants, JsonMapper json) {
        this.tenants = tenants;
        this.json = json;
    }

    /** The body of {@code PUT /tenant}, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "TenantRequest")
    record TenantRequest(@Schema(maxLength = 200, example = "Salon Lumière") String name,
                         @Schema(description = "IANA timezone", example = "Europe/Paris") String timezone) {}

    @Serdeable
    @Schema(name = "Tenant", requiredProperties = {"id", "name", "timezone", "role", "createdAt"})
    record TenantView(@Schema(example = "0b9f7c1e-3c55-4a8e-9a51-2f3d5b7c9e11") String id, @Schema(example = "Salon Lumière") String name,
                      @Schema(example = "Europe/Paris") String timezone, @Schema(type = "string", allowableValues = {"owner", "admin", "member"}, example = "owner") String role,
                      @Schema(example = "2026-03-02T09:00:00Z") Instant createdAt) {}

    @Get
    @Operation(operationId = "getTenant", summary = "The caller's tenant, and the caller's role in it")
    TenantView get(Authentication auth) {
        var caller = Caller.of(auth);
        return view(find(caller), caller);
    }

    /**
     * Body: {name?, timezone?}. The timezone decides what "today", opening hours and booked
     * times mean for the agent, so it must be an IANA name (e.g. Europe/Paris).
     */
    @Put(consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateTenant", summary = "Rename the tenant or set its timezone")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    TenantView update(Authentication auth, @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TenantRequest.class))) String raw) {
        var caller = Caller.of(auth).requireConfigure();
        var tenant = find(caller);
        var body = JsonBody.parse(json, raw);
        var name = body.text("name", false, 200);
        var timezone = body.convert("timezone", body.text("timezone", false, 64), AuthController::zone);
        body.validate();
        var updated = new Tenant(tenant.id(), name == null ? tenant.name() : name, timezone == null ? tenant.timezone() : timezone,
                tenant.createdAt());
        tenants.save(updated);
        return view(updated, caller);
    }

    private Tenant find(Caller caller) {
        return tenants.findById(caller.tenantId()).orElseThrow(() -> NotFound.of("tenant", caller.tenantId().toString()));
    }

    private static TenantView view(Tenant tenant, Caller caller) {
        return new TenantView(tenant.id().toString(), tenant.name(), tenant.timezone().getId(),
                caller.role().name().toLowerCase(java.util.Locale.ROOT), tenant.createdAt());
    }
}
