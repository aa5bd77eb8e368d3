package dev.switchboard.domain.outbound;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbound calls waiting to be dialed, kept in the database so they survive restarts and are
 * shared by every instance. Claims are leases ({@code FOR UPDATE SKIP LOCKED}): two instances or
 * threads never hold one call at once. Tenant-scoped where a tenant is given.
 */
public interface DialQueue {
    /** What {@link #enqueue} did. */
    record Enqueued(Call call, boolean created) {}

    /** Whether a claimed call may be dialed now under its tenant's limits. */
    enum Reservation { RESERVED, AT_CONCURRENCY_LIMIT, AT_RATE_LIMIT, GONE }

    /**
     * Stores a new queued call with its order, atomically. With an idempotency key the tenant
     * used within {@code keyLifetime}, nothing is stored and the earlier call is returned — the
     * store's unique constraint decides between concurrent requests, not a check beforehand.
     */
    Enqueued enqueue(Call call, DialOrder order, Instant now, Duration keyLifetime);

    /** The order kept with a call; empty for a call we did not place. */
    Optional<DialOrder> order(TenantId tenant, CallId call);

    /** How dialing the call went: its state, Twilio's refusal (code and message), if any. */
    Optional<DialStatus> status(TenantId tenant, CallId call);

    /** The dial state with Twilio's last refusal. */
    record DialStatus(DialState state, int failedTries, Integer errorCode, String errorMessage) {}

    /**
     * Claims up to {@code limit} calls due at {@code now} (waiting or unconfirmed, or dialing
     * with an expired lease) for {@code lease}.
     */
    List<PendingDial> claimDue(Instant now, Duration lease, int limit);

    /**
     * Takes the right to dial a claimed call now: in one transaction per tenant, counts its calls
     * being dialed or live and the calls started in the last second, and marks this one dialing.
     */
    Reservation reserve(TenantId tenant, CallId call, OutboundLimits limits, Instant now);

    /** Puts a claimed call back to wait until {@code notBefore}, in {@code state} (waiting or unconfirmed). */
    void release(TenantId tenant, CallId call, DialState state, Instant notBefore, boolean failedTry);

    /** Twilio placed the call: stores its CallSid on the call (unless one is there) and marks it placed. */
    boolean placed(TenantId tenant, CallId call, String callSid);

    /** Nothing more to dial for this call; a refusal of Twilio's is kept with it. */
    void done(TenantId tenant, CallId call, Integer errorCode, String errorMessage);

    /**
     * A webhook of Twilio's named this call (its id in our URL) with a CallSid: the call exists
     * at Twilio. Stores the SID on a call that has none yet and marks it placed.
     *
     * @return whether the call was ours, outbound and without a SID until now
     */
    boolean confirm(TenantId tenant, CallId call, String callSid);

    /** Asks for the call not to be dialed (again); marks it done when it is not being dialed right now. */
    boolean requestCancel(TenantId tenant, CallId call);

    /** Ended busy / no-answer calls that have tries left and no next try yet, oldest first. */
    List<PendingDial> dueForRetry(int limit);

    /**
     * Creates the next try of {@code previous} — once: the first caller marks {@code previous}
     * followed up and stores {@code next}; any other gets {@code false} and stores nothing.
     */
    boolean followUp(Call previous, Call next, DialOrder nextOrder);
}
