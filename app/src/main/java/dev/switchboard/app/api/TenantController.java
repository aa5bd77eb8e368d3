package dev.switchboard.app.api;

import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** The caller's own tenant. */
@Controller("/api/v1/tenant")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TenantController {
    private final TenantRepository tenants;

    TenantController(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Serdeable
    record TenantView(String id, String name, String timezone, String role, Instant createdAt) {}

    @Get
    TenantView get(Authentication auth) {
        var caller = Caller.of(auth);
        var tenant = tenants.findById(caller.tenantId()).orElseThrow(() -> NotFound.of("tenant", caller.tenantId().toString()));
        return new TenantView(tenant.id().toString(), tenant.name(), tenant.timezone().getId(),
                caller.role().name().toLowerCase(java.util.Locale.ROOT), tenant.createdAt());
    }
}
