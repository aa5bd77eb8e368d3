package dev.switchboard.domain.sms;

import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyMessage;
import dev.switchboard.domain.telephony.TelephonyResult;
import java.time.Clock;
import java.time.Duration;

/**
 * Reads from Twilio ({@code GET Messages/{sid}.json}) the texts we sent that are still
 * {@code queued} or {@code sending} a while after they were sent — their delivery reports never
 * arrived (lost, our instance down, a callback URL that changed) — and moves them forward to what
 * Twilio says, as a delivery report would: forward only, with Twilio's error code on a failure.
 * A message Twilio still holds in its queue is checked again later; one older than
 * {@code giveUpAfter} is left as it is. Meant to run on a schedule on every instance: messages
 * are claimed ({@link SmsRepository#claimUnreported}), so two instances never check one at once.
 */
public final class RecheckStuckSms {
    /**
     * @param staleAfter a message still queued or sending this long after it was sent is read from Twilio
     * @param recheckAfter a message Twilio still has queued is read again after this
     * @param giveUpAfter a message older than this is no longer read
     * @param batch most messages read per run
     */
    public record Settings(Duration staleAfter, Duration recheckAfter, Duration giveUpAfter, int batch) {}

    /** What one run did: messages read, moved forward, and reads that failed (Twilio refused or unreachable). */
    public record Report(int checked, int moved, int failed) {}

    private final SmsRepository messages;
    private final PhoneNumberRepository numbers;
    private final Telephony telephony;
    private final RecordSmsStatus statuses;
    private final Clock clock;
    private final Settings settings;

    public RecheckStuckSms(SmsRepository messages, PhoneNumberRepository numbers, Telephony telephony, Clock clock, Settings settings) {
        this.messages = messages;
        this.numbers = numbers;
        this.telephony = telephony;
        this.statuses = new RecordSmsStatus(messages, clock);
        this.clock = clock;
        this.settings = settings;
    }

    public Report run() {
        int checked = 0;
        int moved = 0;
        int failed = 0;
        var now = clock.instant();
        for (var sms : messages.claimUnreported(now, settings.staleAfter(), settings.recheckAfter(), settings.giveUpAfter(), settings.batch())) {
            checked++;
            try {
                var result = telephony.fetchSms(account(sms), sms.providerMessageId());
                if (result instanceof TelephonyResult.Accepted<TelephonyMessage> accepted) {
                    var status = SmsStatus.parse(accepted.value().status());
                    if (status.isPresent() && statuses.record(new RecordSmsStatus.Command(sms.tenantId(), sms.providerMessageId(),
                            status.get(), accepted.value().errorCode())))
                        moved++;
                } else {
                    failed++;
                }
            } catch (PortFailure e) {
                // Twilio unreachable now: the claim lapses after recheckAfter and the next run reads it again.
                failed++;
            }
        }
        return new Report(checked, moved, failed);
    }

    /** The account the message was sent in: the one holding its (proven) number, else the tenant's default — as {@link SendSms} chose. */
    private TelephonyAccount account(Sms sms) {
        if (sms.phoneNumberId() == null) return TelephonyAccount.of(sms.tenantId());
        return numbers.findById(sms.tenantId(), sms.phoneNumberId()).filter(n -> n.proven())
                .map(n -> TelephonyAccount.of(sms.tenantId(), n.proof().accountSid()))
                .orElse(TelephonyAccount.of(sms.tenantId()));
    }
}
