package dev.switchboard.domain.sms;

import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.Objects;

/**
 * A delivery report from Twilio ({@code MessageStatus}, with {@code ErrorCode} on failure): moves
 * the message forward, never back, so duplicated and reordered reports leave the same record.
 *
 * <p>A report can come before Twilio's answer to our {@code Messages.json} was stored (Twilio
 * reports as soon as the carrier takes the text, and our request may still be reading its answer):
 * its SID is then unknown. The report's URL names our message ({@code ?message=<id>}, set by
 * {@link SendSms}), so the SID is recorded on that message and the report counts, instead of being
 * dropped and leaving the text {@code queued} until the recheck reads it from Twilio.
 */
public final class RecordSmsStatus {
    /** @param messageId our message named by the report's URL, or null (a report to the bare URL) */
    public record Command(TenantId tenant, String providerMessageId, SmsStatus status, Integer errorCode, SmsId messageId) {
        public Command {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(providerMessageId, "providerMessageId");
            Objects.requireNonNull(status, "status");
        }

        public Command(TenantId tenant, String providerMessageId, SmsStatus status, Integer errorCode) {
            this(tenant, providerMessageId, status, errorCode, null);
        }
    }

    private final SmsRepository messages;
    private final Clock clock;

    public RecordSmsStatus(SmsRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** @return whether the message changed (false for a duplicate, a late report, or an unknown SID) */
    public boolean record(Command command) {
        var failed = command.status() == SmsStatus.FAILED || command.status() == SmsStatus.UNDELIVERED;
        var code = failed ? command.errorCode() : null;
        var message = failed ? TwilioMessageErrors.describe(code) : null;
        var tenant = command.tenant();
        var sid = command.providerMessageId();
        if (messages.advance(tenant, sid, command.status(), code, message, clock.instant())) return true;
        if (command.messageId() == null || messages.findByProviderId(tenant, sid).isPresent()) return false;
        // Unknown SID: the message the URL names takes it, if Twilio's answer has not given it one yet.
        var named = messages.findById(tenant, command.messageId()).filter(m -> m.direction() == SmsDirection.OUTBOUND && m.providerMessageId() == null);
        if (named.isEmpty()) return false;
        messages.accepted(tenant, named.get().id(), sid, SmsStatus.QUEUED, clock.instant());
        return messages.advance(tenant, sid, command.status(), code, message, clock.instant());
    }
}
