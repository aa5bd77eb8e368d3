package dev.switchboard.domain.sms;

import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.Objects;

/**
 * A delivery report from Twilio ({@code MessageStatus}, with {@code ErrorCode} on failure): moves
 * the message forward, never back, so duplicated and reordered reports leave the same record.
 */
public final class RecordSmsStatus {
    public record Command(TenantId tenant, String providerMessageId, SmsStatus status, Integer errorCode) {
        public Command {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(providerMessageId, "providerMessageId");
            Objects.requireNonNull(status, "status");
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
        return messages.advance(command.tenant(), command.providerMessageId(), command.status(), code, message, clock.instant());
    }
}
