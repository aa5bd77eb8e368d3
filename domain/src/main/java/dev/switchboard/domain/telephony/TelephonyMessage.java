package dev.switchboard.domain.telephony;

import java.time.Instant;
import java.util.Objects;

/**
 * A text message as Twilio has it (its Message resource, PROTOCOLS.md §7.4).
 *
 * @param sid {@code SM…}
 * @param status Twilio's status, e.g. {@code queued}, {@code sent}, {@code delivered}, {@code failed}
 * @param errorCode Twilio's error code when delivery failed, else null
 * @param errorMessage Twilio's text for it, else null
 */
public record TelephonyMessage(String sid, String accountSid, String from, String to, String status, Integer errorCode,
                               String errorMessage, Instant createdAt) {
    public TelephonyMessage {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(status, "status");
    }
}
