package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores users. E-mail addresses are unique across the platform, because login takes only an
 * e-mail and a password.
 */
public interface UserRepository {
    /**
     * Inserts the user.
     *
     * @throws EmailAlreadyUsed if another user already has this e-mail address
     */
    void add(User user);

    /** Finds the user with this e-mail (normalized), in any tenant: used by login only. */
    Optional<User> findByEmail(String email);

    List<User> listByTenant(TenantId tenantId);

    /** Raised when an e-mail address is already taken. */
    final class EmailAlreadyUsed extends RuntimeException {
        public EmailAlreadyUsed(String email) {
            super("e-mail already in use: " + email);
        }
    }
}
