package dev.switchboard.domain.sms;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A text message on one of a tenant's numbers.
 *
 * @param from the sender as the carrier gave it ({@code +E164}, or a short code / alphanumeric sender)
 * @param to the recipient
 * @param phoneNumberId the tenant's number it went out from or came in on; null once that number is deleted
 * @param providerMessageId Twilio's SID ({@code SM…}); null until Twilio accepted a sent message
 * @param errorCode Twilio's error code when it refused or could not deliver the message, else null
 * @param errorMessage Twilio's (or our) words for the failure, else null
 * @param callId the call during which the agent sent it ({@code send_sms}), else null
 */
public record Sms(SmsId id, TenantId tenantId, SmsDirection direction, String from, String to, String body, SmsStatus status,
                  PhoneNumberId phoneNumberId, String providerMessageId, Integer errorCode, String errorMessage, CallId callId,
                  Instant createdAt, Instant updatedAt) {
    public Sms {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        body = body == null ? "" : body;
        updatedAt = updatedAt == null ? createdAt : updatedAt;
    }

    /** A message about to be handed to Twilio. */
    public static Sms outgoing(TenantId tenant, String from, String to, String body, PhoneNumberId number, CallId callId, Instant at) {
        return new Sms(SmsId.random(), tenant, SmsDirection.OUTBOUND, from, to, body, SmsStatus.QUEUED, number, null, null, null,
                callId, at, at);
    }

    /** A message that reached one of the tenant's numbers. */
    public static Sms received(TenantId tenant, String from, String to, String body, PhoneNumberId number, String providerMessageId,
                               Instant at) {
        return new Sms(SmsId.random(), tenant, SmsDirection.INBOUND, from, to, body, SmsStatus.RECEIVED, number, providerMessageId,
                null, null, null, at, at);
    }
}
