package dev.switchboard.domain.outbound;

import dev.switchboard.domain.assistant.RetryPolicy;
import dev.switchboard.domain.call.CallContext;
import dev.switchboard.domain.call.CallId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the business asked for when it asked us to place a call, kept with the call.
 *
 * @param reference the business's own reference (e.g. {@code order-123}); null when none
 * @param idempotencyKey the request's {@code Idempotency-Key}; null when none
 * @param notBefore not dialed before this ({@code at}, or a retry's spacing)
 * @param attempt which try this call is (1 for the first; retries after busy / no-answer are new calls)
 * @param firstCall the call the request created (this one for attempt 1)
 */
public record DialOrder(CallContext context, String reference, String idempotencyKey, Instant notBefore, RetryPolicy retry,
                        int attempt, CallId firstCall) {
    public DialOrder {
        context = context == null ? CallContext.EMPTY : context;
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(firstCall, "firstCall");
        if (attempt < 1) throw new IllegalArgumentException("attempt < 1");
    }

    /** The order of the next try after busy / no-answer. */
    public DialOrder next(CallId nextCall, Instant at) {
        return new DialOrder(context, reference, null, at, retry, attempt + 1, firstCall);
    }
}
