package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * What {@link SocketHandshakeGuard} admitted, attached to the upgrade request for the socket's
 * {@code @OnOpen}. A socket without a ticket was not admitted and closes at once.
 *
 * @param kind      the gate's kind ({@code relay}, {@code stream}, …)
 * @param handshake the handshake, for a deferred signature check
 * @param call      the bound call, or empty when {@link Admission.Deferred}
 */
record SocketTicket(String kind, Handshake handshake, Optional<Bound> call) {
    static final String ATTRIBUTE = "switchboard.socket-ticket";

    /** The call a socket serves. */
    record Bound(TenantId tenantId, CallId callId) {}

    /** The ticket the guard attached to this upgrade request, if it did. */
    static Optional<SocketTicket> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, SocketTicket.class);
    }
}
