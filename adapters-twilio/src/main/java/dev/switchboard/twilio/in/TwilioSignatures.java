package dev.switchboard.twilio.in;

import com.twilio.security.RequestValidator;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature} with the official SDK's validator, which also accepts the
 * URL with or without its default port (Twilio is not consistent about it).
 */
final class TwilioSignatures {
    private TwilioSignatures() {}

    /** Form webhooks: the URL Twilio called plus every posted parameter. */
    static boolean valid(Optional<String> authToken, String url, Map<String, String> params, String signature) {
        if (authToken.isEmpty() || signature == null || signature.isBlank()) return false;
        return new RequestValidator(authToken.get()).validate(url, params, signature);
    }
}
