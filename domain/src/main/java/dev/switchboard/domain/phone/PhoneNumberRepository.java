package dev.switchboard.domain.phone;

import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores phone numbers. A number belongs to at most one tenant in the whole platform, because
 * an incoming call is routed by the number dialled.
 */
public interface PhoneNumberRepository {
    /**
     * Inserts the number, or replaces the tenant's number with this id. A number saved without a
     * {@link PhoneNumber#proof()} keeps the proof already stored for it.
     *
     * @throws NumberAlreadyTaken if this E.164 number is already registered (by any tenant)
     */
    void save(PhoneNumber number);

    Optional<PhoneNumber> findById(TenantId tenantId, PhoneNumberId id);

    /** Routes an incoming call: whichever tenant owns the dialled number. */
    Optional<PhoneNumber> findByNumber(E164Number number);

    /** The tenant's numbers, in E.164 order. */
    List<PhoneNumber> list(TenantId tenantId);

    /** @return whether the tenant had it */
    boolean delete(TenantId tenantId, PhoneNumberId id);

    /** Raised when an E.164 number is already registered. */
    final class NumberAlreadyTaken extends RuntimeException {
        public NumberAlreadyTaken(E164Number number) {
            super("phone number already registered: " + number);
        }
    }
}
