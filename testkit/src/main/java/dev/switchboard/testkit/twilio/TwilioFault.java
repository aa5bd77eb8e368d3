package dev.switchboard.testkit.twilio;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure {@link FakeTwilioRest} answers a route with instead of doing the work: a Twilio error
 * ({@code {code, message, more_info, status}}), a hang (no answer for a while), or a body that is
 * not JSON. Applies to every matching request, or to the next {@code times} of them.
 *
 * @param status HTTP status to answer (for {@link Kind#ERROR} and {@link Kind#MALFORMED})
 * @param code Twilio's error code in the body (for {@link Kind#ERROR})
 * @param hang how long to hold the request before answering a 503 (for {@link Kind#HANG})
 * @param times how many requests it applies to; 0 for all
 */
public record TwilioFault(Kind kind, int status, int code, String message, Duration hang, int times) {
    /** What goes wrong. */
    public enum Kind { ERROR, HANG, MALFORMED }

    public TwilioFault {
        Objects.requireNonNull(kind, "kind");
        if (times < 0) throw new IllegalArgumentException("times must be >= 0");
    }

    /** Twilio answers {@code status} with its error body, e.g. {@code error(400, 21211, "Invalid 'To' Phone Number")}. */
    public static TwilioFault error(int status, int code, String message) {
        return new TwilioFault(Kind.ERROR, status, code, message, null, 0);
    }

    /** Twilio holds the request this long, then answers 503 (a client with a shorter read timeout gives up first). */
    public static TwilioFault hang(Duration hang) {
        return new TwilioFault(Kind.HANG, 503, 0, null, hang, 0);
    }

    /** Twilio (or a proxy in front of it) answers {@code status} with a body that is not JSON. */
    public static TwilioFault malformed(int status) {
        return new TwilioFault(Kind.MALFORMED, status, 0, null, null, 0);
    }

    /** Only the next request on the route fails. */
    public TwilioFault once() {
        return times(1);
    }

    /** Only the next {@code n} requests on the route fail. */
    public TwilioFault times(int n) {
        return new TwilioFault(kind, status, code, message, hang, n);
    }
}
