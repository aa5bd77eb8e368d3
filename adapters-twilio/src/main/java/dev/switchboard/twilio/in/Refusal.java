package dev.switchboard.twilio.in;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * The answer to a webhook or socket handshake we refuse: {@code application/problem+json} (RFC 9457)
 * saying why, like every other refusal of the platform. Twilio ignores the body; a person testing a
 * webhook by hand, or reading a proxy's log, learns which check failed instead of seeing an empty 403.
 * Written by hand (no mapper needed): the only caller-controlled part, the path, is escaped.
 */
final class Refusal {
    static final String PROBLEM_JSON = "application/problem+json";
    static final String BAD_SIGNATURE = "X-Twilio-Signature is missing or does not match this URL and these parameters";

    private Refusal() {}

    static MutableHttpResponse<String> of(HttpStatus status, String detail, String path) {
        var body = new StringBuilder(160).append("{\"type\":\"https://switchboard.dev/problems/").append(slug(status)).append("\",\"title\":");
        JsonText.quote(status.getReason(), body).append(",\"status\":").append(status.getCode()).append(",\"detail\":");
        JsonText.quote(detail, body).append(",\"instance\":");
        JsonText.quote(path == null ? "" : path, body).append('}');
        return HttpResponse.<String>status(status).contentType(PROBLEM_JSON).body(body.toString());
    }

    /** A webhook whose signature does not hold: 403. */
    static MutableHttpResponse<String> badSignature(String path) {
        return of(HttpStatus.FORBIDDEN, BAD_SIGNATURE, path);
    }

    private static String slug(HttpStatus status) {
        return switch (status) {
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> "invalid-request";
        };
    }
}
