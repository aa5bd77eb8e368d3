package dev.switchboard.app.security;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Role;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;
import java.util.Locale;

/**
 * Who is calling the API, read from the verified token: the tenant every query is scoped to,
 * and the role. A token without a tenant (e.g. from an external identity provider that was
 * not set up to add one) is refused rather than guessed.
 */
public record Caller(String subject, TenantId tenantId, Role role) {
    public static final String TENANT_CLAIM = "tenant";

    public static Caller of(Authentication authentication) {
        var tenant = authentication.getAttributes().get(TENANT_CLAIM);
        if (tenant == null) throw new HttpStatusException(HttpStatus.FORBIDDEN, "the token carries no tenant claim");
        TenantId tenantId;
        try {
            tenantId = TenantId.parse(tenant.toString());
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "the token's tenant claim is not a tenant id");
        }
        var role = authentication.getRoles().stream()
                .map(r -> r.toUpperCase(Locale.ROOT))
                .filter(r -> r.equals("OWNER") || r.equals("ADMIN") || r.equals("MEMBER"))
                .map(Role::valueOf).sorted().findFirst().orElse(Role.MEMBER);
        return new Caller(authentication.getName(), tenantId, role);
    }

    /** Configuration changes need an owner or admin. */
    public Caller requireConfigure() {
        if (!role.canConfigure()) throw new HttpStatusException(HttpStatus.FORBIDDEN, "members cannot change configuration");
        return this;
    }
}
