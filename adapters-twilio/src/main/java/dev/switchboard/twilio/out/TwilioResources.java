package dev.switchboard.twilio.out;

import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.telephony.AccountCheck;
import dev.switchboard.domain.telephony.IncomingNumber;
import dev.switchboard.domain.telephony.NumberWebhooks;
import dev.switchboard.domain.telephony.TelephonyCall;
import dev.switchboard.domain.telephony.TelephonyMessage;
import java.time.Instant;
import java.time.ZonedDateTime;

/** The SDK's resources in the domain's records. An answer missing what we need is unreadable (IllegalStateException). */
final class TwilioResources {
    private TwilioResources() {}

    static TelephonyCall call(Call call) {
        var status = call.getStatus() == null ? null : CallStatus.parse(call.getStatus().toString()).orElse(null);
        if (call.getSid() == null || status == null) throw new IllegalStateException("a call without a SID or a known status");
        return new TelephonyCall(call.getSid(), call.getAccountSid(), call.getFrom(), call.getTo(), status, call.getDirection(),
                call.getAnsweredBy(), instant(call.getStartTime()), instant(call.getEndTime()), seconds(call.getDuration()));
    }

    static TelephonyMessage message(Message message) {
        if (message.getSid() == null || message.getStatus() == null) throw new IllegalStateException("a message without a SID or status");
        return new TelephonyMessage(message.getSid(), message.getAccountSid(),
                message.getFrom() == null ? null : message.getFrom().getEndpoint(), message.getTo(), message.getStatus().toString(),
                message.getErrorCode(), message.getErrorMessage(), instant(message.getDateCreated()));
    }

    static IncomingNumber number(IncomingPhoneNumber number) {
        if (number.getSid() == null || number.getPhoneNumber() == null) throw new IllegalStateException("a number without a SID");
        var webhooks = new NumberWebhooks(text(number.getVoiceUrl()), text(number.getVoiceMethod()), text(number.getStatusCallback()),
                text(number.getSmsUrl()));
        return new IncomingNumber(number.getSid(), number.getAccountSid(), new E164Number(number.getPhoneNumber().getEndpoint()), webhooks,
                number.getVoiceApplicationSid(), number.getTrunkSid());
    }

    static AccountCheck account(Account account) {
        if (account.getSid() == null) throw new IllegalStateException("an account without a SID");
        return new AccountCheck(account.getSid(), account.getFriendlyName(), account.getStatus() == null ? null : account.getStatus().toString());
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Integer seconds(String duration) {
        if (duration == null || duration.isBlank()) return null;
        try {
            return Integer.valueOf(duration.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
