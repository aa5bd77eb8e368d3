package dev.switchboard.twilio.out;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
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
import dev.switchboard.twilio.config.TwilioApiProperties;
import dev.switchboard.twilio.out.Attempts.Operation;
import dev.switchboard.twilio.out.TwilioCredentials.Credentials;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Telephony} over Twilio's REST API with the official SDK (PROTOCOLS.md §7), in the
 * tenant's Twilio account or the platform's ({@link TwilioCredentials}), sent to
 * {@code switchboard.twilio.api-url} ({@link ApiUrlHttpClient}), with {@link Attempts}' timeouts
 * and retries.
 */
@Singleton
final class TwilioRestTelephony implements Telephony {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioRestTelephony.class);

    private final TwilioCredentials credentials;
    private final ApiUrlHttpClient http;
    private final Attempts attempts;

    TwilioRestTelephony(TwilioCredentials credentials, TwilioApiProperties properties) {
        this.credentials = credentials;
        this.http = new ApiUrlHttpClient(properties.apiUrl(), properties.apiConnectTimeout(), properties.apiReadTimeout());
        this.attempts = new Attempts(properties);
    }

    @Override
    public boolean hasAccount(TenantId tenant) {
        return !credentials.all(tenant).isEmpty();
    }

    @Override
    public TelephonyResult<TelephonyCall> placeCall(TelephonyAccount account, OutboundCall call) {
        var creds = credentials.resolve(account);
        var creator = Call.creator(creds.accountSid(), new PhoneNumber(call.to().value()), new PhoneNumber(call.from().value()), call.voiceUrl())
                .setMethod(HttpMethod.POST)
                .setStatusCallback(call.statusCallback())
                .setStatusCallbackMethod(HttpMethod.POST);
        if (!call.statusEvents().isEmpty())
            creator.setStatusCallbackEvent(call.statusEvents().stream().sorted().map(OutboundCall.Progress::wireName).toList());
        if (call.machineDetection() != OutboundCall.MachineDetection.OFF) creator.setMachineDetection(call.machineDetection().wireName());
        if (call.ringTimeout() != null) creator.setTimeout((int) call.ringTimeout().toSeconds());
        var client = client(creds);
        var result = attempts.run("place a call to " + call.to(), Operation.NOT_REPEATABLE, () -> TwilioResources.call(creator.create(client)));
        LOG.info("tenant {}: call to {} from {} in {}: {}", account.tenant(), call.to(), call.from(), creds.accountSid(), describe(result));
        return result;
    }

    @Override
    public TelephonyResult<TelephonyCall> updateCall(TelephonyAccount account, String callSid, CallUpdate update) {
        var creds = credentials.resolve(account);
        var updater = Call.updater(creds.accountSid(), callSid);
        var operation = Operation.NOT_REPEATABLE;
        if (update instanceof CallUpdate.Twiml twiml) {
            updater.setTwiml(twiml.document());
        } else if (update instanceof CallUpdate.Redirect redirect) {
            updater.setUrl(redirect.url()).setMethod(HttpMethod.POST);
        } else {
            // Hanging up or cancelling twice leaves the call the same: safe to repeat.
            updater.setStatus(update instanceof CallUpdate.HangUp ? Call.UpdateStatus.COMPLETED : Call.UpdateStatus.CANCELED);
            operation = Operation.IDEMPOTENT;
        }
        var client = client(creds);
        var result = attempts.run("update call " + callSid, operation, () -> TwilioResources.call(updater.update(client)));
        LOG.info("tenant {}: {} on call {}: {}", account.tenant(), update.getClass().getSimpleName(), callSid, describe(result));
        return result;
    }

    @Override
    public TelephonyResult<TelephonyCall> fetchCall(TelephonyAccount account, String callSid) {
        var creds = credentials.resolve(account);
        var client = client(creds);
        return attempts.run("read call " + callSid, Operation.READ,
                () -> TwilioResources.call(Call.fetcher(creds.accountSid(), callSid).fetch(client)));
    }

    @Override
    public TelephonyResult<TelephonyMessage> sendSms(TelephonyAccount account, OutgoingSms sms) {
        var creds = credentials.resolve(account);
        var creator = Message.creator(creds.accountSid(), new PhoneNumber(sms.to().value()), new PhoneNumber(sms.from().value()), sms.body())
                .setStatusCallback(sms.statusCallback());
        var client = client(creds);
        var result = attempts.run("send an SMS to " + sms.to(), Operation.NOT_REPEATABLE, () -> TwilioResources.message(creator.create(client)));
        LOG.info("tenant {}: SMS to {} from {}: {}", account.tenant(), sms.to(), sms.from(), describe(result));
        return result;
    }

    @Override
    public TelephonyResult<TelephonyMessage> fetchSms(TelephonyAccount account, String messageSid) {
        var creds = credentials.resolve(account);
        var client = client(creds);
        return attempts.run("read message " + messageSid, Operation.READ,
                () -> TwilioResources.message(Message.fetcher(creds.accountSid(), messageSid).fetch(client)));
    }

    @Override
    public Optional<IncomingNumber> findNumber(TenantId tenant, E164Number number) {
        for (var creds : credentials.all(tenant)) {
            var client = client(creds);
            var page = attempts.run("look up " + number + " in Twilio account " + creds.accountSid(), Operation.READ,
                    () -> IncomingPhoneNumber.reader(creds.accountSid()).setPhoneNumber(number.value()).setPageSize(20L).firstPage(client).getRecords()
                            .stream().map(TwilioResources::number).filter(n -> n.number().equals(number)).findFirst());
            if (page instanceof TelephonyResult.Accepted<Optional<IncomingNumber>> found && found.value().isPresent()) return found.value();
        }
        return Optional.empty();
    }

    @Override
    public Optional<IncomingNumber> findNumberBySid(TenantId tenant, String numberSid) {
        for (var creds : credentials.all(tenant)) {
            var client = client(creds);
            var read = attempts.run("read number " + numberSid + " in Twilio account " + creds.accountSid(), Operation.READ,
                    () -> TwilioResources.number(IncomingPhoneNumber.fetcher(creds.accountSid(), numberSid).fetch(client)));
            if (read instanceof TelephonyResult.Accepted<IncomingNumber> found) return Optional.of(found.value());
        }
        return Optional.empty();
    }

    @Override
    public TelephonyResult<IncomingNumber> configureNumber(TelephonyAccount account, String numberSid, NumberWebhooks webhooks) {
        var creds = credentials.resolve(account);
        // A TwiML App or SMS application on the number would take precedence over the URLs we set.
        var updater = IncomingPhoneNumber.updater(creds.accountSid(), numberSid).setVoiceApplicationSid("").setSmsApplicationSid("");
        if (webhooks.voiceUrl() != null) updater.setVoiceUrl(webhooks.voiceUrl());
        if (webhooks.voiceMethod() != null) updater.setVoiceMethod(HttpMethod.valueOf(webhooks.voiceMethod().toUpperCase(java.util.Locale.ROOT)));
        if (webhooks.statusCallback() != null) updater.setStatusCallback(webhooks.statusCallback()).setStatusCallbackMethod(HttpMethod.POST);
        if (webhooks.smsUrl() != null) updater.setSmsUrl(webhooks.smsUrl()).setSmsMethod(HttpMethod.POST);
        var client = client(creds);
        var result = attempts.run("configure number " + numberSid, Operation.IDEMPOTENT, () -> TwilioResources.number(updater.update(client)));
        LOG.info("tenant {}: configured number {} in {}: {}", account.tenant(), numberSid, creds.accountSid(), describe(result));
        return result;
    }

    @Override
    public TelephonyResult<AccountCheck> verifyCredentials(TenantId tenant, String accountSid, String authToken) {
        var client = client(new Credentials(accountSid, authToken));
        var result = attempts.run("verify Twilio account " + accountSid, Operation.CREDENTIAL_CHECK,
                () -> TwilioResources.account(Account.fetcher(accountSid).fetch(client)));
        LOG.info("tenant {}: Twilio account {} checked: {}", tenant, accountSid, describe(result));
        return result;
    }

    private TwilioRestClient client(Credentials creds) {
        return new TwilioRestClient.Builder(creds.accountSid(), creds.authToken()).accountSid(creds.accountSid()).httpClient(http).build();
    }

    private static String describe(TelephonyResult<?> result) {
        return result instanceof TelephonyResult.Refused<?> refused ? "refused, " + refused.refusal() : "accepted";
    }
}
