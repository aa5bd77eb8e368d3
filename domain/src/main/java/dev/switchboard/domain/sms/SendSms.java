package dev.switchboard.domain.sms;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.CommitGate;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.OutgoingSms;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyResult;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * Texts someone from one of the tenant's numbers, through Twilio ({@code Messages.json}) with
 * delivery reports to our status webhook, in the Twilio account that holds the number.
 *
 * <p>Sent synchronously: the message is stored {@code queued} first, then handed to Twilio within
 * the {@link Telephony} port's short time bound (a message is never retried after a timeout, so
 * a recipient never gets it twice), then stored as Twilio answered — accepted with its SID, or
 * {@code failed} with Twilio's error code and message. Twilio unreachable or too slow also leaves
 * it {@code failed}, saying so. A recipient who replied STOP gets nothing and nothing is stored.
 */
public final class SendSms {
    /**
     * @param callId the call the agent sends it during ({@code send_sms}), else null
     */
    public record Command(TenantId tenant, PhoneNumberId phoneNumberId, E164Number to, String body, CallId callId) {
        public Command {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(phoneNumberId, "phoneNumberId");
            Objects.requireNonNull(to, "to");
        }
    }

    /** What came of it. */
    public sealed interface Result {
        /** Handed to Twilio: the message is queued there, or failed (refused, unreachable) with the reason on it. */
        record Sent(Sms sms) implements Result {}

        /** The tenant has no such number: nothing sent. */
        record UnknownNumber(PhoneNumberId id) implements Result {}

        /** The recipient replied STOP to this tenant and has not replied START since: nothing sent. */
        record OptedOut(E164Number to) implements Result {}

        /** Neither the tenant nor the platform has a Twilio account (the development token): nothing sent. */
        record NoTwilioAccount() implements Result {}
    }

    /** Twilio's code for "attempt to send to unsubscribed recipient": the recipient opted out at the carrier. */
    static final int UNSUBSCRIBED_RECIPIENT = 21610;

    private final PhoneNumberRepository numbers;
    private final SmsRepository messages;
    private final OptOuts optOuts;
    private final Telephony telephony;
    private final URI statusCallback;
    private final Clock clock;

    /** @param statusCallback where Twilio reports delivery: our {@code /webhooks/twilio/sms-status} on the public URL */
    public SendSms(PhoneNumberRepository numbers, SmsRepository messages, OptOuts optOuts, Telephony telephony, URI statusCallback,
                   Clock clock) {
        this.numbers = numbers;
        this.messages = messages;
        this.optOuts = optOuts;
        this.telephony = telephony;
        this.statusCallback = statusCallback;
        this.clock = clock;
    }

    public Result send(Command command) {
        return send(command, CommitGate.OPEN);
    }

    /**
     * @param gate the message is stored and handed to Twilio through it, so work that can be
     *     abandoned (the {@code send_sms} tool at its deadline) either sends it while the gate
     *     allows or not at all
     * @throws CommitGate.Refused when the gate refused; nothing was stored or sent
     */
    public Result send(Command command, CommitGate gate) {
        var tenant = command.tenant();
        var number = numbers.findById(tenant, command.phoneNumberId()).orElse(null);
        if (number == null) return new Result.UnknownNumber(command.phoneNumberId());
        if (optOuts.isOptedOut(tenant, command.to().value())) return new Result.OptedOut(command.to());
        if (!telephony.hasAccount(tenant)) return new Result.NoTwilioAccount();
        return gate.commit(() -> dispatch(command, number));
    }

    private Result dispatch(Command command, PhoneNumber number) {
        var tenant = command.tenant();
        var sms = Sms.outgoing(tenant, number.number().value(), command.to().value(), command.body(), number.id(), command.callId(),
                clock.instant());
        // The report URL names the message: a report that outruns Twilio's answer still finds it (RecordSmsStatus).
        var outgoing = new OutgoingSms(command.to(), number.number(), command.body(), URI.create(statusCallback + "?message=" + sms.id()));
        messages.add(sms);
        try {
            var result = telephony.sendSms(account(number), outgoing);
            if (result instanceof TelephonyResult.Accepted<dev.switchboard.domain.telephony.TelephonyMessage> accepted) {
                var twilio = accepted.value();
                var status = SmsStatus.parse(twilio.status()).orElse(SmsStatus.QUEUED);
                return new Result.Sent(messages.accepted(tenant, sms.id(), twilio.sid(), status, clock.instant()).orElse(sms));
            }
            var refusal = ((TelephonyResult.Refused<?>) result).refusal();
            if (refusal.code() == UNSUBSCRIBED_RECIPIENT) optOuts.optOut(tenant, command.to().value(), clock.instant());
            return failed(sms, refusal.code() == 0 ? null : refusal.code(), refusal.message());
        } catch (PortFailure e) {
            return failed(sms, null, "Twilio could not take the message: " + e.getMessage());
        }
    }

    private Result failed(Sms sms, Integer code, String message) {
        messages.advance(sms.tenantId(), sms.id(), SmsStatus.FAILED, code, message, clock.instant());
        return new Result.Sent(messages.findById(sms.tenantId(), sms.id()).orElse(sms));
    }

    /** A proven number acts in the account that holds it; another in the tenant's default account. */
    private static TelephonyAccount account(PhoneNumber number) {
        return number.proven() ? TelephonyAccount.of(number.tenantId(), number.proof().accountSid()) : TelephonyAccount.of(number.tenantId());
    }
}
