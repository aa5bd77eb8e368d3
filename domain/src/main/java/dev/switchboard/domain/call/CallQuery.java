package dev.switchboard.domain.call;

import dev.switchboard.domain.phone.PhoneNumberId;
import java.time.Instant;

/**
 * Filters for listing calls; a {@code null} field does not filter. The date range applies to
 * when the call was created: {@code from} inclusive, {@code to} exclusive.
 */
public record CallQuery(CallStatus status, CallDirection direction, PhoneNumberId phoneNumberId, Instant from, Instant to) {
    public static CallQuery all() {
        return new CallQuery(null, null, null, null, null);
    }
}
