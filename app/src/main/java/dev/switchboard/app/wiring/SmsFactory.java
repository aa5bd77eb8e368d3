package dev.switchboard.app.wiring;

import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.sms.OptOuts;
import dev.switchboard.domain.sms.ReceiveSms;
import dev.switchboard.domain.sms.RecheckStuckSms;
import dev.switchboard.domain.sms.RecordSmsStatus;
import dev.switchboard.domain.sms.SendSms;
import dev.switchboard.domain.sms.SmsRepository;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.tool.SendSmsTool;
import dev.switchboard.domain.tool.Tool;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;

/**
 * Text messages: sending (API and the agent's {@code send_sms} tool, which joins the
 * {@link dev.switchboard.domain.tool.Toolbox} by being a {@link Tool} bean), delivery reports
 * and inbound messages. Delivery reports go to {@code /webhooks/twilio/sms-status} on the public URL.
 */
@Factory
final class SmsFactory {
    static final String STATUS_PATH = "/webhooks/twilio/sms-status";

    @Singleton
    SendSms sendSms(PhoneNumberRepository numbers, SmsRepository messages, OptOuts optOuts, Telephony telephony,
                    @Value("${switchboard.public-url}") String publicUrl, Clock clock) {
        return new SendSms(numbers, messages, optOuts, telephony, URI.create(publicUrl.strip().replaceAll("/+$", "") + STATUS_PATH), clock);
    }

    @Singleton
    ReceiveSms receiveSms(SmsRepository messages, OptOuts optOuts, Clock clock) {
        return new ReceiveSms(messages, optOuts, clock);
    }

    @Singleton
    RecordSmsStatus recordSmsStatus(SmsRepository messages, Clock clock) {
        return new RecordSmsStatus(messages, clock);
    }

    @Singleton
    RecheckStuckSms recheckStuckSms(SmsRepository messages, PhoneNumberRepository numbers, Telephony telephony, Clock clock,
                                    ReconcileProperties reconcile) {
        return new RecheckStuckSms(messages, numbers, telephony, clock, new RecheckStuckSms.Settings(reconcile.smsAfter(),
                reconcile.smsRecheckAfter(), reconcile.smsGiveUpAfter(), reconcile.batch()));
    }

    @Singleton
    @Named(SendSmsTool.NAME)
    Tool sendSmsTool(SendSms sendSms, CallRepository calls) {
        return new SendSmsTool(sendSms, calls);
    }
}
