package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Who may open the ConversationRelay socket: Twilio, with a handshake signed by the auth token of
 * the tenant named in the URL our TwiML gave (the query's {@code tenant} and {@code call}, which
 * the signature covers, so they cannot be changed).
 */
@Singleton
final class RelaySocketGate implements SocketGate {
    private final TwilioAccounts accounts;

    RelaySocketGate(TwilioAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<?> socket() {
        return ConversationRelaySocket.class;
    }

    @Override
    public String kind() {
        return "relay";
    }

    @Override
    public Admission admit(Handshake handshake) {
        var tenant = handshake.query("tenant").flatMap(RelaySocketGate::tenant);
        var call = handshake.query("call").flatMap(RelaySocketGate::call);
        if (tenant.isEmpty() || call.isEmpty()) return new Admission.Refused("no tenant and call in the URL");
        if (!handshake.signedWithAnyOf(accounts.authTokens(tenant.get()))) return new Admission.Refused("bad or missing signature");
        return new Admission.ForCall(tenant.get(), call.get());
    }

    private static Optional<TenantId> tenant(String text) {
        try {
            return Optional.of(TenantId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<CallId> call(String text) {
        try {
            return Optional.of(CallId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
