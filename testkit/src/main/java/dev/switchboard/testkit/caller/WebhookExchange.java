package dev.switchboard.testkit.caller;

import java.util.Map;
import java.util.Optional;

/**
 * One form-encoded webhook the caller posted, and the server's answer.
 *
 * @param signedUrl  the URL the signature covers (the public URL)
 * @param sentTo     where the request actually went (the listening server)
 * @param params     the form parameters, in the order sent
 * @param signature  the {@code X-Twilio-Signature} header sent, empty if none
 * @param idempotencyToken the {@code I-Twilio-Idempotency-Token} header sent
 * @param status     the HTTP status, or {@code -1} when the server could not be reached
 * @param contentType the response's {@code Content-Type}, empty if none
 * @param body       the response body (empty when unreachable)
 * @param failure    why the server could not be reached, if it could not
 */
public record WebhookExchange(String signedUrl, String sentTo, Map<String, String> params, Optional<String> signature,
                              String idempotencyToken, int status, String contentType, String body, Optional<String> failure) {

    /** A 2xx answer. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
