package dev.switchboard.twilio.in;

import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.twilio.config.PublicUrl;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a webhook really comes from Twilio: signature over our public URL and every
 * posted parameter, with the auth token of the account that owns the number.
 */
@Singleton
final class SignedRequests {
    private static final Logger LOG = LoggerFactory.getLogger(SignedRequests.class);
    static final String HEADER = "X-Twilio-Signature";
    private final TwilioAccounts accounts;
    private final PublicUrl publicUrl;

    SignedRequests(TwilioAccounts accounts, PublicUrl publicUrl) {
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    /** With the token of the number's tenant, or for a number we don't know, of the request's {@code AccountSid}. */
    boolean verify(HttpRequest<?> request, Map<String, String> form, Optional<PhoneNumber> number) {
        var tokens = number.isPresent() ? accounts.authTokens(number.get().tenantId()) : accounts.authTokensOfAccount(form.get("AccountSid"));
        var query = request.getUri().getRawQuery();
        var url = publicUrl.http(request.getPath()) + (query == null ? "" : "?" + query);
        var signature = request.getHeaders().get(HEADER);
        if (TwilioSignatures.valid(tokens, url, form, signature)) return true;
        LOG.warn("refused {} {}: {} (validated against {})", request.getMethod(), request.getPath(),
                tokens.isEmpty() ? "no Twilio auth token is configured for this number"
                        : signature == null ? "no X-Twilio-Signature header" : "X-Twilio-Signature does not match", url);
        return false;
    }
}
