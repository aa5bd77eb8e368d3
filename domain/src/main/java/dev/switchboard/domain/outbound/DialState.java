package dev.switchboard.domain.outbound;

/** Where an outbound call is in being dialed. */
public enum DialState {
    /** Waits for its time ({@code at}, calling hours, limits, a retry's spacing). */
    WAITING,
    /** An instance holds it and is asking Twilio to place it. */
    DIALING,
    /** Twilio accepted it: the call has Twilio's CallSid and Twilio's callbacks tell the rest. */
    PLACED,
    /**
     * Asking Twilio gave no answer (timeout, 5xx): the call may exist at Twilio. It waits for a
     * webhook carrying its id before anyone dials again (see docs/outbound-calls.md).
     */
    UNCONFIRMED,
    /** Nothing more to dial: refused, failed, canceled. */
    DONE
}
