package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Someone who signs in to a tenant. The password is only ever held as a slow salted hash
 * produced by the app's password hasher; the domain never sees the clear text.
 */
public record User(UserId id, TenantId tenantId, String email, String passwordHash, Role role, Instant createdAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        email = normalizeEmail(email);
        if (passwordHash == null || passwordHash.isBlank()) throw new IllegalArgumentException("password hash is required");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** E-mail addresses compare case-insensitively; we store them lower-cased and trimmed. */
    public static String normalizeEmail(String email) {
        if (email == null || !email.contains("@") || email.isBlank())
            throw new IllegalArgumentException("not an e-mail address: " + email);
        return email.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", tenantId=" + tenantId + ", email=" + email + ", role=" + role + "]";
    }
}
