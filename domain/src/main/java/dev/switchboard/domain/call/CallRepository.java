package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.Page;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
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

    /** Newest first. */
    Page<Call> list(TenantId tenantId, CallQuery query, PageRequest page);

    /** Calls created in [{@code from}, {@code to}), days counted in {@code zone}. */
    CallStats stats(TenantId tenantId, Instant from, Instant to, ZoneId zone);

    /** Appends one stage to the call's timeline. */
    void appendEvent(CallEvent event);

    /** The timeline in the order it happened. */
    List<CallEvent> events(TenantId tenantId, CallId callId);

    /** Inserts a transcript turn, or replaces it (same id) — e.g. truncated after a barge-in. */
    void saveMessage(CallMessage message);

    /** The transcript in the order it was spoken. */
    List<CallMessage> messages(TenantId tenantId, CallId callId);
}
