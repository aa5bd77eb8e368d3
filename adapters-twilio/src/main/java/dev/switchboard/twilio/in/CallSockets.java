package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallSocketClaims;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * One socket of each kind per call, and only while the call is live. A call's socket is claimed
 * for good when it is admitted: a replayed handshake (the signature of a URL never changes) finds
 * the claim and is refused, even after the first socket closed.
 *
 * <p>Claims are kept in the database ({@link CallSocketClaims}), so a replay sent to another
 * instance behind the balancer is refused too (docs/security.md §1).
 * Blocking (reads the call): call off the event loop. Thread-safe.
 */
@Singleton
final class CallSockets {
    private final CallRepository calls;
    private final CallSocketClaims claims;
    private final TwilioAccounts accounts;

    CallSockets(CallRepository calls, CallSocketClaims claims, TwilioAccounts accounts) {
        this.calls = calls;
        this.claims = claims;
        this.accounts = accounts;
    }

    /**
     * Claims the call's socket of this kind.
     *
     * @return why not, or empty when the socket is admitted
     */
    Optional<String> claim(String kind, TenantId tenant, CallId call) {
        var found = calls.findById(tenant, call);
        if (found.isEmpty()) return Optional.of("no such call");
        if (found.get().status().isFinal()) return Optional.of("the call has ended (" + found.get().status().wireName() + ")");
        return claims.claim(tenant, call, kind) ? Optional.empty() : Optional.of("the call already had its " + kind + " socket");
    }

    /**
     * For a socket admitted with {@link Admission.Deferred}: its first message names the call. Checks
     * the handshake was signed with that tenant's token, then claims as {@link #claim} does.
     *
     * @return why not (close the socket without acting on anything), or empty when bound
     */
    Optional<String> bindDeferred(SocketTicket ticket, TenantId tenant, CallId call) {
        if (ticket.call().isPresent()) return ticket.call().get().equals(new SocketTicket.Bound(tenant, call))
                ? Optional.empty() : Optional.of("the socket is bound to another call");
        if (!ticket.handshake().signedWithAnyOf(accounts.authTokens(tenant))) return Optional.of("bad or missing signature");
        return claim(ticket.kind(), tenant, call);
    }
}
