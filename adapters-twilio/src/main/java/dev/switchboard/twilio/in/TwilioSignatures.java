package dev.switchboard.twilio.in;

import com.twilio.security.RequestValidator;
import java.util.Map;
import java.util.List;

/**
 * Checks {@code X-Twilio-Signature} with the official SDK's validator, which also accepts the
 * URL with or without its default port (Twilio is not consistent about it).
 */
final class TwilioSignatures {
    private TwilioSignatures() {}

    /** Form webhooks: the URL Twilio called plus every posted parameter. */
    static boolean valid(List<String> authTokens, String url, Map<String, String> params, String signature) {
        if (signature == null || signature.isBlank()) return false;
        for (var token : authTokens)
            if (new RequestValidator(token).validate(url, params, signature)) return true;
        return false;
    }
}
