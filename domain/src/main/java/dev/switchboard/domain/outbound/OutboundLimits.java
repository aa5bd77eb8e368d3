package dev.switchboard.domain.outbound;

import java.util.Objects;

/**
 * A tenant's limits on placing calls.
 *
 * @param maxConcurrentCalls outbound calls being dialed, ringing or in progress at once, 1..1000
 * @param callsPerSecond new calls started per second, 1..100 (Twilio's own default is 1 per account)
 * @param callingHours when calls may ring, in the tenant's timezone
 */
public record OutboundLimits(int maxConcurrentCalls, int callsPerSecond, CallingHours callingHours) {
    public OutboundLimits {
        if (maxConcurrentCalls < 1 || maxConcurrentCalls > 1000)
            throw new IllegalArgumentException("maxConcurrentOutboundCalls: must be within 1..1000");
        if (callsPerSecond < 1 || callsPerSecond > 100) throw new IllegalArgumentException("callsPerSecond: must be within 1..100");
        Objects.requireNonNull(callingHours, "callingHours");
    }
}
