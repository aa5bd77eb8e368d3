package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;

/** A {@link SocketGate}'s verdict on one handshake. */
sealed interface Admission {
    /** The signature is good and the signed URL names this call; the guard still checks it is live and free. */
    record ForCall(TenantId tenantId, CallId callId) implements Admission {}

    /**
     * The URL names no call, so the signature cannot be checked yet: the socket must bind the call
     * from its first message with {@link CallSockets#bindDeferred} before trusting anything.
     */
    record Deferred() implements Admission {}

    /** No socket: answered 403 before the upgrade. The reason goes to the log only. */
    record Refused(String reason) implements Admission {}
}
