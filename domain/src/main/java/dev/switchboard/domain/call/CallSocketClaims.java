package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.TenantId;

/**
 * The one socket of each kind a call may ever have (a ConversationRelay or a Media Streams
 * socket). Twilio opens it once and never reconnects it, so a second handshake for the same call
 * is a replay or a forgery, whichever instance it reaches: claims are shared by every instance.
 */
public interface CallSocketClaims {
    /**
     * Claims the socket of {@code kind} for the call, for good.
     *
     * @return true for the first claim of that call and kind, false ever after, on any instance, and
     *         false for a call this tenant does not have
     */
    boolean claim(TenantId tenant, CallId call, String kind);
}
