package dev.switchboard.domain.phone;

import dev.switchboard.domain.telephony.IncomingNumber;
import dev.switchboard.domain.telephony.Refusal;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyResult;

/**
 * Points an imported number's webhooks at us again (after someone changed them in Twilio's
 * console), then reads it back. Idempotent. Infrastructure failures propagate as
 * {@link dev.switchboard.domain.shared.PortFailure}.
 */
public final class ConfigurePhoneNumber {
    /** How a repair ended. */
    public sealed interface Result {
        record Configured(TwilioNumberStatus status) implements Result {}

        /** Only an imported number can be configured: the platform knows which account holds it. */
        record NotProven() implements Result {}

        record Refused(Refusal refusal) implements Result {}
    }

    private final Telephony telephony;
    private final PlatformWebhooks webhooks;
    private final CheckPhoneNumber check;

    public ConfigurePhoneNumber(Telephony telephony, PlatformWebhooks webhooks) {
        this.telephony = telephony;
        this.webhooks = webhooks;
        this.check = new CheckPhoneNumber(telephony, webhooks);
    }

    public Result configure(PhoneNumber number) {
        if (!number.proven() || number.twilioSid() == null) return new Result.NotProven();
        var account = TelephonyAccount.of(number.tenantId(), number.proof().accountSid());
        var result = telephony.configureNumber(account, number.twilioSid(), webhooks.wanted());
        if (result instanceof TelephonyResult.Refused<IncomingNumber> refused) return new Result.Refused(refused.refusal());
        return new Result.Configured(check.check(number));
    }
}
