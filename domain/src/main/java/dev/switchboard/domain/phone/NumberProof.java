package dev.switchboard.domain.phone;

import java.time.Instant;
import java.util.Objects;

/**
 * Twilio showed that one of the tenant's accounts holds the number.
 *
 * @param accountSid the account that holds it ({@code AC…}); requests about the number act there
 * @param provenAt when the platform found it there
 */
public record NumberProof(String accountSid, Instant provenAt) {
    public NumberProof {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(provenAt, "provenAt");
    }
}
