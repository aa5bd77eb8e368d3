package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A link from an external identity provider's subject ({@code iss} + {@code sub} of its tokens) to
 * one of our users. Only a linked subject gets in with the provider's token, and then as that
 * user: the user's tenant and role, never what the token claims.
 */
public record ExternalIdentity(String issuer, String subject, TenantId tenantId, UserId userId, Instant linkedAt) {
    public static final int MAX_SUBJECT = 255;

    public ExternalIdentity {
        if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("an issuer is required");
        if (subject == null || subject.isBlank()) throw new IllegalArgumentException("a subject is required");
        if (subject.length() > MAX_SUBJECT) throw new IllegalArgumentException("a subject is at most " + MAX_SUBJECT + " characters");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }
}
