package dev.switchboard.domain.sms;

import dev.switchboard.domain.shared.Page;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores a tenant's text messages. Every method is scoped to the tenant: another tenant's id or
 * Twilio SID reads as unknown and changes nothing. Status changes are forward-only
 * ({@link SmsStatus#canMoveTo}) and atomic, so concurrent and reordered delivery reports leave
 * the same record whatever their order.
 */
public interface SmsRepository {
    /**
     * Stores a new message.
     *
     * @return false (and nothing changes) when the tenant already has a message with this
     *     {@link Sms#providerMessageId()} — a redelivered inbound webhook
     */
    boolean add(Sms sms);

    Optional<Sms> findById(TenantId tenant, SmsId id);

    Optional<Sms> findByProviderId(TenantId tenant, String providerMessageId);

    /** A page of the tenant's messages, newest first, with the total. */
    Page<Sms> list(TenantId tenant, SmsQuery query, PageRequest page);

    /**
     * Twilio accepted a sent message: records its SID, and its status if that moves the message forward.
     *
     * @return the message after the change; empty when the tenant has no such message
     */
    Optional<Sms> accepted(TenantId tenant, SmsId id, String providerMessageId, SmsStatus status, Instant at);

    /**
     * Moves a message forward, with the error that came with a failure. Nothing changes when the
     * status would not move it forward, or the tenant has no message with this SID.
     *
     * @param errorCode Twilio's code, or null
     * @param errorMessage the failure in words, or null
     * @return whether the message changed
     */
    boolean advance(TenantId tenant, String providerMessageId, SmsStatus status, Integer errorCode, String errorMessage, Instant at);

    /**
     * Claims up to {@code limit} sent messages, of any tenant, that Twilio took (they have a SID)
     * but that are still queued or sending: sent before {@code now - olderThan} and after
     * {@code now - giveUpAfter}, and not claimed since {@code now - recheckAfter}. Each is marked
     * claimed at {@code now}, so nobody takes it again before {@code recheckAfter}; oldest first.
     */
    List<Sms> claimUnreported(Instant now, Duration olderThan, Duration recheckAfter, Duration giveUpAfter, int limit);

    /** The same, for a message Twilio never gave a SID (refused, or unreachable). */
    boolean advance(TenantId tenant, SmsId id, SmsStatus status, Integer errorCode, String errorMessage, Instant at);
}
