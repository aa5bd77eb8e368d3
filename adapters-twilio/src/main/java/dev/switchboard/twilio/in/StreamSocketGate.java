package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;

/**
 * Who may open the Media Streams socket: Twilio, with a handshake signed by the auth token of
 * the tenant named in the path our TwiML gave ({@code /webhooks/twilio/stream/{tenant}/{call}}).
 * A Media Streams URL cannot carry a query string (PROTOCOLS.md §4.2), so the call is in the
 * path, which the signature covers: a signature is good for that one call only.
 */
@Singleton
final class StreamSocketGate implements SocketGate {
    private final TwilioAccounts accounts;

    StreamSocketGate(TwilioAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<?> socket() {
        return MediaStreamSocket.class;
    }

    @Override
    public String kind() {
        return "stream";
    }

    @Override
    public Admission admit(Handshake handshake) {
        TenantId tenant;
        CallId call;
        try {
            tenant = TenantId.parse(handshake.pathVariable("tenant").orElse(""));
            call = CallId.parse(handshake.pathVariable("call").orElse(""));
        } catch (IllegalArgumentException e) {
            return new Admission.Refused("no tenant and call in the path");
        }
        if (!handshake.signedWithAnyOf(accounts.authTokens(tenant))) return new Admission.Refused("bad or missing signature");
        return new Admission.ForCall(tenant, call);
    }
}
