package dev.switchboard.twilio.in;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.twilio.config.PublicUrl;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a ConversationRelay handshake with 403 before the upgrade unless it carries a valid
 * {@code X-Twilio-Signature} over the socket URL exactly as our TwiML gave it, signed with the
 * auth token of the tenant named in that (signed, so untamperable) URL.
 */
@ServerFilter(TwilioVoiceWebhook.RELAY_PATH)
final class RelayHandshakeFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandshakeFilter.class);
    private final TwilioAccounts accounts;
    private final PublicUrl publicUrl;

    RelayHandshakeFilter(TwilioAccounts accounts, PublicUrl publicUrl) {
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    /**
     * Runs on the event loop on purpose: deferring the handshake to another thread let the
     * caller's first frames reach the HTTP pipeline before Netty switched it to WebSocket. The
     * token lookup is one indexed row read per call.
     */
    @RequestFilter
    @Nullable
    HttpResponse<?> verify(HttpRequest<?> request) {
        var query = request.getUri().getRawQuery();
        var url = publicUrl.websocket(request.getPath() + (query == null ? "" : "?" + query));
        var tenant = request.getParameters().getFirst("tenant").flatMap(RelayHandshakeFilter::tenant);
        var tokens = tenant.map(accounts::authTokens).orElse(java.util.List.of());
        if (TwilioSignatures.valid(tokens, url, Map.of(), request.getHeaders().get(SignedRequests.HEADER))) return null;
        LOG.warn("refused relay handshake for {}: {}", url, tenant.isEmpty() ? "no tenant in the URL" : "bad or missing signature");
        return HttpResponse.status(HttpStatus.FORBIDDEN);
    }

    private static Optional<TenantId> tenant(String text) {
        try {
            return Optional.of(TenantId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
