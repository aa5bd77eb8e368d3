package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.Page;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores calls with their timeline and transcript. Tenant-scoped throughout: another tenant's
 * call is never found.
 */
public interface CallRepository {
    /** Inserts a new call. */
    void add(Call call);

    /** Replaces the stored call that has this id and tenant. */
    void update(Call call);

    /**
     * Replaces the stored call only if its status is still {@code expected} — a compare-and-set,
     * so two carrier callbacks racing on one call cannot move it backwards.
     *
     * @return whether the call was replaced
     */
    boolean replaceIfStatus(Call call, CallStatus expected);

    Optional<Call> findById(TenantId tenantId, CallId id);

    /** Finds a call by the carrier's id (Twilio CallSid, Vapi call id). */
    Optional<Call> findByProviderCallId(TenantId tenantId, String providerCallId);

    /**
     * Keeps the call's latest diagnosis verdict (its wire name, e.g. {@code socket_never_connected}),
     * which {@link CallQuery#verdict()} filters on. A call that is not stored is left alone.
     */
    void recordVerdict(TenantId tenantId, CallId id, String verdict);

    /**
     * The verdicts {@linkplain #recordVerdict kept} on these calls, by call (one read for a page of
     * the call list). A call never diagnosed, unknown or another tenant's is absent.
     */
    Map<CallId, String> verdicts(TenantId tenantId, Collection<CallId> ids);

    /** Newest first. */
    Page<Call> list(TenantId tenantId, CallQuery query, PageRequest page);

    /** Calls created in [{@code from}, {@code to}), days counted in {@code zone}. */
    CallStats stats(TenantId tenantId, Instant from, Instant to, ZoneId zone);

    /** Appends one stage to the call's timeline. */
    void appendEvent(CallEvent event);

    /**
     * Appends several stages, possibly of several calls, in this order and all or nothing — one
     * round trip where the store can (the {@link CallRecorder}'s batches).
     */
    default void appendEvents(List<CallEvent> events) {
        events.forEach(this::appendEvent);
    }

    /**
     * Appends several stages like {@link #appendEvents}, but each at most once: a stage whose key
     * is already stored is skipped. A writer that cannot tell whether its last attempt committed
     * (the connection broke during the commit) tries again with the same writes. A store that
     * cannot tell keys apart appends, as {@link #appendEvents} does.
     */
    default void appendEventsOnce(List<CallEventWrite> writes) {
        appendEvents(writes.stream().map(CallEventWrite::event).toList());
    }

    /**
     * The timeline in the order it happened: by {@code at}, and stages stamped with the same
     * instant in the order they were appended. (Append order alone would not do: a call's stages
     * reach the store through a batching writer and through synchronous webhooks, possibly of
     * two instances.)
     */
    List<CallEvent> events(TenantId tenantId, CallId callId);

    /** Inserts a transcript turn, or replaces it (same id) — e.g. truncated after a barge-in. */
    void saveMessage(CallMessage message);

    /**
     * Saves several transcript turns in this order, all or nothing; a turn that appears twice
     * ends up as its last version.
     */
    default void saveMessages(List<CallMessage> messages) {
        messages.forEach(this::saveMessage);
    }

    /** The transcript in the order it was spoken. */
    List<CallMessage> messages(TenantId tenantId, CallId callId);
}
