package dev.switchboard.domain.telephony;

import dev.switchboard.domain.shared.E164Number;
import java.net.URI;
import java.util.Objects;

/**
 * A text message to send (PROTOCOLS.md §7.4).
 *
 * @param from a number the account holds that can send SMS
 * @param body 1–1,600 characters (Twilio's limit)
 * @param statusCallback where Twilio reports delivery ({@code queued → sent → delivered}, or failure)
 */
public record OutgoingSms(E164Number to, E164Number from, String body, URI statusCallback) {
    /** Twilio's limit for one message body. */
    public static final int MAX_BODY = 1600;

    public OutgoingSms {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(statusCallback, "statusCallback");
        if (body == null || body.isBlank()) throw new IllegalArgumentException("an SMS needs a body");
        if (body.length() > MAX_BODY) throw new IllegalArgumentException("an SMS body is at most " + MAX_BODY + " characters, not " + body.length());
    }
}
