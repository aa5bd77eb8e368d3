package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which deliveries of a provider's messages about a call were taken on, so that concurrent or
 * repeated deliveries (a webhook retried, the same tool call carried by two messages) apply a
 * message once (ADR 006). A key is claimed by exactly one caller, ever, even when several claim it
 * at the same instant; the others treat their delivery as a duplicate. Keys are a message's key,
 * or one tool call ({@link #toolCallKey}), whose winner stores the answer with {@link #recordResult}
 * for the losers to replay. Rows are kept per tenant and provider call id. Thread-safe.
 *
 * <p>A claim is a lease: if its holder neither {@linkplain #applied applied} the message nor
 * stored an answer within {@link #CLAIM_LEASE} (the process died in between), the next delivery
 * takes it over, so a crash cannot lose a message or a tool call for good.
 */
public interface DeliveryLedger {
    /**
     * How long a claim holds without being applied or answered. Well above the tool budget (15 s)
     * and Vapi's 20 s timeout, so a live holder has always finished before it runs out.
     */
    Duration CLAIM_LEASE = Duration.ofSeconds(60);

    /** A tool call's stored answer: exactly one of {@code result} and {@code error} is set. */
    record ToolAnswer(String toolCallId, String name, String result, String error) {}

    /**
     * @param at when this delivery arrived
     * @return {@code true} for the one caller that claimed {@code key} first — or that took over a
     *     claim left unapplied for longer than {@link #CLAIM_LEASE}; {@code false} for every other
     */
    boolean claim(TenantId tenant, String providerCallId, String key, Instant at);

    /** The claimed message was applied: its claim never expires. */
    void applied(TenantId tenant, String providerCallId, String key, Instant at);

    /** Gives up an unanswered claim (its delivery failed before applying the message), so a retry can claim it; an answered key stays. */
    void release(TenantId tenant, String providerCallId, String key);

    /** Stores the answer for {@code key} (claiming it, if nobody had); the first stored answer stays, and the claim never expires. */
    void recordResult(TenantId tenant, String providerCallId, String key, ToolAnswer answer, Instant at);

    /** The answer stored for {@code key}; empty while its winner is still working (or never finished). */
    Optional<ToolAnswer> result(TenantId tenant, String providerCallId, String key);

    /** The key of one tool call, whichever message (and delivery) carries it. */
    static String toolCallKey(String toolCallId) {
        return "tool-call:" + toolCallId;
    }
}
