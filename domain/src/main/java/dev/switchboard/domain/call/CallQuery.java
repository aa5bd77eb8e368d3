package dev.switchboard.domain.call;

import dev.switchboard.domain.phone.PhoneNumberId;
import java.time.Instant;

/**
 * Filters for listing calls; a {@code null} field does not filter. The date range applies to
 * when the call was created: {@code from} inclusive, {@code to} exclusive. {@code reference} is the
 * business's reference given when it asked us to place the call; {@code providerCallId} the carrier's id (Twilio's
 * CallSid); {@code verdict} the wire name of the call's last diagnosis verdict.
 */
public record CallQuery(CallStatus status, CallDirection direction, PhoneNumberId phoneNumberId, Instant from, Instant to,
                        String reference, String providerCallId, String verdict) {
    /** Without the carrier id and verdict filters. */
    public CallQuery(CallStatus status, CallDirection direction, PhoneNumberId phoneNumberId, Instant from, Instant to,
                     String reference) {
        this(status, direction, phoneNumberId, from, to, reference, null, null);
    }

    /** Without the outbound call's {@code reference} filter. */
    public CallQuery(CallStatus status, CallDirection direction, PhoneNumberId phoneNumberId, Instant from, Instant to) {
        this(status, direction, phoneNumberId, from, to, null);
    }

    public static CallQuery all() {
        return new CallQuery(null, null, null, null, null, null, null, null);
    }
}
