package dev.switchboard.app.metrics;

import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.AccountCheck;
import dev.switchboard.domain.telephony.CallUpdate;
import dev.switchboard.domain.telephony.IncomingNumber;
import dev.switchboard.domain.telephony.NumberWebhooks;
import dev.switchboard.domain.telephony.OutboundCall;
import dev.switchboard.domain.telephony.OutgoingSms;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyCall;
import dev.switchboard.domain.telephony.TelephonyMessage;
import dev.switchboard.domain.telephony.TelephonyResult;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Twilio's REST API, timed per operation ({@link RestMeters}); everything else is the real client's. */
final class MeteredTelephony implements Telephony {
    private static final String TWILIO = "twilio";
    private final Telephony twilio;
    private final RestMeters meters;

    MeteredTelephony(Telephony twilio, RestMeters meters) {
        this.twilio = twilio;
        this.meters = meters;
    }

    /** Wraps the Twilio client when it is created (it has no lifecycle methods a wrapper would hide). */
    @Singleton
    static final class Decorate implements BeanCreatedEventListener<Telephony> {
        private final RestMeters meters;

        Decorate(RestMeters meters) {
            this.meters = meters;
        }

        @Override
        public Telephony onCreated(BeanCreatedEvent<Telephony> event) {
            var bean = event.getBean();
            return bean instanceof MeteredTelephony ? bean : new MeteredTelephony(bean, meters);
        }
    }

    @Override
    public boolean hasAccount(TenantId tenant) {
        return twilio.hasAccount(tenant);
    }

    @Override
    public TelephonyResult<TelephonyCall> placeCall(TelephonyAccount account, OutboundCall call) {
        return meters.time(TWILIO, "placeCall", () -> twilio.placeCall(account, call));
    }

    @Override
    public TelephonyResult<TelephonyCall> updateCall(TelephonyAccount account, String callSid, CallUpdate update) {
        return meters.time(TWILIO, "updateCall", () -> twilio.updateCall(account, callSid, update));
    }

    @Override
    public TelephonyResult<TelephonyCall> fetchCall(TelephonyAccount account, String callSid) {
        return meters.time(TWILIO, "fetchCall", () -> twilio.fetchCall(account, callSid));
    }

    @Override
    public TelephonyResult<TelephonyMessage> sendSms(TelephonyAccount account, OutgoingSms sms) {
        return meters.time(TWILIO, "sendSms", () -> twilio.sendSms(account, sms));
    }

    @Override
    public TelephonyResult<TelephonyMessage> fetchSms(TelephonyAccount account, String messageSid) {
        return meters.time(TWILIO, "fetchSms", () -> twilio.fetchSms(account, messageSid));
    }

    @Override
    public Optional<IncomingNumber> findNumber(TenantId tenant, E164Number number) {
        return meters.time(TWILIO, "findNumber", () -> twilio.findNumber(tenant, number));
    }

    @Override
    public Optional<IncomingNumber> findNumberBySid(TenantId tenant, String numberSid) {
        return meters.time(TWILIO, "findNumberBySid", () -> twilio.findNumberBySid(tenant, numberSid));
    }

    @Override
    public TelephonyResult<IncomingNumber> configureNumber(TelephonyAccount account, String numberSid, NumberWebhooks webhooks) {
        return meters.time(TWILIO, "configureNumber", () -> twilio.configureNumber(account, numberSid, webhooks));
    }

    @Override
    public TelephonyResult<AccountCheck> verifyCredentials(TenantId tenant, String accountSid, String authToken) {
        return meters.time(TWILIO, "verifyCredentials", () -> twilio.verifyCredentials(tenant, accountSid, authToken));
    }
}
