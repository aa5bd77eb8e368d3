package dev.switchboard.domain.call;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Calls the carrier may have finished without telling us (status callbacks lost): not in a final
 * status although they started long ago. Taking them is a claim, so that of two instances
 * reconciling at once each call is checked by one.
 */
public interface StaleCalls {
    /**
     * Claims up to {@code limit} calls carried over Twilio (relay, stream) whose status is not
     * final, created before {@code now - olderThan} and not claimed since {@code now - recheckAfter};
     * each is marked claimed at {@code now}, so nobody takes it again before {@code recheckAfter}.
     */
    List<Call> claim(Instant now, Duration olderThan, Duration recheckAfter, int limit);
}
