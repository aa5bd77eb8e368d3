package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores which external subjects sign in as which of our users. A subject of an issuer is linked
 * to at most one user on the whole platform.
 */
public interface ExternalIdentityRepository {
    /**
     * Links the subject to the user (who must belong to {@code identity.tenantId()}).
     *
     * @throws SubjectAlreadyLinked if this issuer's subject is linked to someone already
     */
    void link(ExternalIdentity identity);

    /** The user this issuer's subject signs in as, if linked; used by token validation only. */
    Optional<User> userFor(String issuer, String subject);

    /** The tenant's links, oldest first. */
    List<ExternalIdentity> list(TenantId tenantId);

    /** @return whether the tenant had this link */
    boolean unlink(TenantId tenantId, String issuer, String subject);

    /** Raised when the subject already signs in as some user. */
    final class SubjectAlreadyLinked extends RuntimeException {
        public SubjectAlreadyLinked(String subject) {
            super("subject already linked: " + subject);
        }
    }
}
