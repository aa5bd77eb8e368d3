package dev.switchboard.twilio.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.connection.Connection;
import dev.switchboard.domain.connection.InMemoryConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.connection.SecretVault;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.CallUpdate;
import dev.switchboard.domain.telephony.NumberWebhooks;
import dev.switchboard.domain.telephony.OutboundCall;
import dev.switchboard.domain.telephony.OutgoingSms;
import dev.switchboard.domain.telephony.Refusal;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyResult;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioFault;
import dev.switchboard.testkit.twilio.TwilioRoute;
import dev.switchboard.twilio.config.TwilioApiProperties;
import dev.switchboard.twilio.config.TwilioProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TwilioRestTelephony} against the testkit's fake Twilio REST API: each request field by field, and faults in the domain's words. */
class TwilioRestTelephonyTest {
    private static final String TENANT_SID = "AC" + "1".repeat(32);
    private static final String TENANT_TOKEN = "tenant-token";
    private static final String PLATFORM_SID = "AC" + "2".repeat(32);
    private static final String PLATFORM_TOKEN = "platform-token";
    private static final E164Number OURS = new E164Number("+15550100001");
    private static final E164Number PLATFORMS = new E164Number("+15550100002");
    private static final E164Number CUSTOMER = new E164Number("+15550199999");
    private static final URI VOICE = URI.create("https://sb.example.com/webhooks/twilio/voice");
    private static final URI STATUS = URI.create("https://sb.example.com/webhooks/twilio/status");

    private static FakeTwilioRest twilio;
    private static TwilioRestTelephony telephony;
    /** Short read timeout and budget, for the hang tests; the others allow for a cold JVM on a loaded machine. */
    private static TwilioRestTelephony impatient;
    private static InMemoryConnectionRepository connections;
    private final TenantId tenant = TenantId.random();
    private final TenantId platformOnly = TenantId.random();
    private String ourNumberSid;
    private String platformNumberSid;

    /** A vault that only marks secrets as sealed: encryption is not what these tests are about. */
    private static final SecretVault VAULT = new SecretVault() {
        @Override
        public SealedSecret seal(dev.switchboard.domain.connection.SecretOwner owner, String plaintext) {
            return new SealedSecret("sealed:" + plaintext);
        }

        @Override
        public String open(dev.switchboard.domain.connection.SecretOwner owner, SealedSecret sealed) {
            return sealed.ciphertext().substring("sealed:".length());
        }
    };

    @BeforeAll
    static void start() {
        twilio = FakeTwilioRest.start();
        connections = new InMemoryConnectionRepository();
        telephony = telephony(twilio.baseUrl(), new TwilioProperties(PLATFORM_SID, PLATFORM_TOKEN), Duration.ofSeconds(5), Duration.ofSeconds(12));
        impatient = telephony(twilio.baseUrl(), new TwilioProperties(PLATFORM_SID, PLATFORM_TOKEN), Duration.ofMillis(400), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    private static TwilioRestTelephony telephony(String apiUrl, TwilioProperties platform, Duration readTimeout, Duration budget) {
        var properties = new TwilioApiProperties(apiUrl, Duration.ofSeconds(1), readTimeout, 3, budget);
        return new TwilioRestTelephony(new TwilioCredentials(connections, VAULT, platform), properties);
    }

    @BeforeEach
    void accounts() {
        twilio.reset();
        twilio.addAccount(TENANT_SID, TENANT_TOKEN).addAccount(PLATFORM_SID, PLATFORM_TOKEN);
        ourNumberSid = twilio.addNumber(TENANT_SID, OURS.value());
        platformNumberSid = twilio.addNumber(PLATFORM_SID, PLATFORMS.value());
        connections.save(new Connection(tenant, Provider.TWILIO, Map.of("accountSid", TENANT_SID),
                Map.of("authToken", VAULT.seal(null, TENANT_TOKEN)), Instant.now()));
    }

    private TelephonyAccount account() {
        return TelephonyAccount.of(tenant);
    }

    @Test
    void places_a_call_in_the_tenants_account_with_every_field_twilio_needs() {
        var call = OutboundCall.of(CUSTOMER, OURS, VOICE, STATUS).withMachineDetection(OutboundCall.MachineDetection.ENABLE)
                .withRingTimeout(Duration.ofSeconds(25));

        var placed = telephony.placeCall(account(), call).orElseThrow();

        assertThat(placed.sid()).startsWith("CA").hasSize(34);
        assertThat(placed.status()).isEqualTo(CallStatus.QUEUED);
        assertThat(placed.accountSid()).isEqualTo(TENANT_SID);
        assertThat(placed.to()).isEqualTo(CUSTOMER.value());
        var request = twilio.requests(TwilioRoute.CREATE_CALL).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + TENANT_SID + "/Calls.json");
        assertThat(request.username()).isEqualTo(TENANT_SID);
        assertThat(request.password()).isEqualTo(TENANT_TOKEN);
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "To", List.of(CUSTOMER.value()), "From", List.of(OURS.value()), "Url", List.of(VOICE.toString()),
                "Method", List.of("POST"), "StatusCallback", List.of(STATUS.toString()), "StatusCallbackMethod", List.of("POST"),
                "StatusCallbackEvent", List.of("initiated", "ringing", "answered", "completed"),
                "MachineDetection", List.of("Enable"), "Timeout", List.of("25")));
    }

    @Test
    void a_call_twilio_refuses_comes_back_with_twilios_code_and_message_and_is_not_repeated() {
        twilio.fail(TwilioRoute.CREATE_CALL, TwilioFault.error(400, 21211, "Invalid 'To' Phone Number: +15550199999"));

        var result = telephony.placeCall(account(), OutboundCall.of(CUSTOMER, OURS, VOICE, STATUS));

        assertThat(result).isEqualTo(TelephonyResult.refused(new Refusal(400, 21211, "Invalid 'To' Phone Number: +15550199999",
                "https://www.twilio.com/docs/errors/21211")));
        assertThat(twilio.requests(TwilioRoute.CREATE_CALL)).hasSize(1);
    }

    @Test
    void a_call_from_a_number_the_account_does_not_hold_is_refused_by_twilio() {
        var result = telephony.placeCall(account(), OutboundCall.of(CUSTOMER, PLATFORMS, VOICE, STATUS));

        assertThat(((TelephonyResult.Refused<?>) result).refusal().code()).isEqualTo(21210);
    }

    @Test
    void a_named_account_acts_there_and_an_account_not_the_tenants_is_refused_before_any_request() {
        var placed = telephony.placeCall(TelephonyAccount.of(tenant, PLATFORM_SID), OutboundCall.of(CUSTOMER, PLATFORMS, VOICE, STATUS)).orElseThrow();
        assertThat(placed.accountSid()).isEqualTo(PLATFORM_SID);
        assertThat(twilio.requests().get(0).username()).isEqualTo(PLATFORM_SID);

        twilio.clear();
        assertThatThrownBy(() -> telephony.fetchCall(TelephonyAccount.of(tenant, "AC" + "9".repeat(32)), placed.sid()))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.NOT_FOUND));
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void a_500_on_placing_a_call_is_not_retried_because_twilio_may_have_dialled() {
        twilio.fail(TwilioRoute.CREATE_CALL, TwilioFault.error(500, 20500, "Internal Server Error"));

        assertThatThrownBy(() -> telephony.placeCall(account(), OutboundCall.of(CUSTOMER, OURS, VOICE, STATUS)))
                .isInstanceOfSatisfying(PortFailure.class, e -> {
                    assertThat(e.category()).isEqualTo(PortFailure.Category.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("20500");
                });
        assertThat(twilio.requests(TwilioRoute.CREATE_CALL)).hasSize(1);
    }

    @Test
    void a_503_or_429_means_twilio_did_not_act_so_even_placing_a_call_is_retried() {
        twilio.fail(TwilioRoute.CREATE_CALL, TwilioFault.error(503, 20503, "Service Unavailable").once());
        assertThat(telephony.placeCall(account(), OutboundCall.of(CUSTOMER, OURS, VOICE, STATUS)).isAccepted()).isTrue();
        assertThat(twilio.requests(TwilioRoute.CREATE_CALL)).hasSize(2);
        assertThat(twilio.calls()).hasSize(1);

        twilio.clear();
        twilio.fail(TwilioRoute.CREATE_CALL, TwilioFault.error(429, 20429, "Too Many Requests"));
        assertThatThrownBy(() -> telephony.placeCall(account(), OutboundCall.of(CUSTOMER, OURS, VOICE, STATUS)))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.RATE_LIMITED));
        assertThat(twilio.requests(TwilioRoute.CREATE_CALL)).hasSize(3);
    }

    @Test
    void a_hanging_twilio_times_out_placing_a_call_once() {
        twilio.fail(TwilioRoute.CREATE_CALL, TwilioFault.hang(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> impatient.placeCall(account(), OutboundCall.of(CUSTOMER, OURS, VOICE, STATUS)))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.TIMEOUT));
        assertThat(twilio.requests(TwilioRoute.CREATE_CALL)).hasSize(1);
        twilio.clear();
    }

    @Test
    void updates_a_live_call_with_twiml_and_hangs_up() {
        var sid = twilio.addCall(TENANT_SID, CUSTOMER.value(), OURS.value(), "in-progress");
        var twiml = "<Response><Say>Sorry, one moment.</Say><Dial>+15550100777</Dial></Response>";

        var updated = telephony.updateCall(account(), sid, new CallUpdate.Twiml(twiml)).orElseThrow();

        assertThat(updated.sid()).isEqualTo(sid);
        var request = twilio.requests(TwilioRoute.UPDATE_CALL).get(0);
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + TENANT_SID + "/Calls/" + sid + ".json");
        assertThat(request.form()).isEqualTo(Map.of("Twiml", List.of(twiml)));
        assertThat(twilio.twimlOf(sid)).isEqualTo(twiml);

        var ended = telephony.updateCall(account(), sid, new CallUpdate.HangUp()).orElseThrow();
        assertThat(ended.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(twilio.requests(TwilioRoute.UPDATE_CALL).get(1).form()).isEqualTo(Map.of("Status", List.of("completed")));
    }

    @Test
    void twiml_for_an_ended_or_unknown_call_is_refused_with_twilios_code() {
        var sid = twilio.addCall(TENANT_SID, CUSTOMER.value(), OURS.value(), "completed");

        var ended = telephony.updateCall(account(), sid, new CallUpdate.Twiml("<Response><Hangup/></Response>"));
        var unknown = telephony.updateCall(account(), "CA" + "0".repeat(32), new CallUpdate.Twiml("<Response><Hangup/></Response>"));

        assertThat(((TelephonyResult.Refused<?>) ended).refusal().code()).isEqualTo(21220);
        assertThat(((TelephonyResult.Refused<?>) unknown).refusal().isNotFound()).isTrue();
    }

    @Test
    void fetches_a_calls_status_and_times_and_retries_a_500_because_reading_is_safe() {
        var sid = twilio.addCall(TENANT_SID, CUSTOMER.value(), OURS.value(), "in-progress");
        twilio.setCallStatus(sid, "completed");
        twilio.fail(TwilioRoute.FETCH_CALL, TwilioFault.error(500, 20500, "Internal Server Error").once());

        var call = telephony.fetchCall(account(), sid).orElseThrow();

        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.startTime()).isNotNull();
        assertThat(call.endTime()).isNotNull();
        assertThat(call.durationSeconds()).isNotNull();
        assertThat(call.direction()).isEqualTo("inbound");
        assertThat(twilio.requests(TwilioRoute.FETCH_CALL)).hasSize(2)
                .allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void a_read_that_keeps_hanging_gives_up_within_the_budget() {
        var sid = twilio.addCall(TENANT_SID, CUSTOMER.value(), OURS.value(), "in-progress");
        twilio.fail(TwilioRoute.FETCH_CALL, TwilioFault.hang(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> impatient.fetchCall(account(), sid))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.TIMEOUT));
        // 400 ms read timeout, 2 s budget: a second attempt fits, a third would not.
        assertThat(twilio.requests(TwilioRoute.FETCH_CALL)).hasSizeBetween(2, 3);
        twilio.clear();
    }

    @Test
    void sends_an_sms_with_its_status_callback() {
        var callback = URI.create("https://sb.example.com/webhooks/twilio/sms-status");

        var sent = telephony.sendSms(account(), new OutgoingSms(CUSTOMER, OURS, "See you Tuesday at 10:00.", callback)).orElseThrow();

        assertThat(sent.sid()).startsWith("SM");
        assertThat(sent.status()).isEqualTo("queued");
        assertThat(twilio.requests(TwilioRoute.CREATE_MESSAGE).get(0).form()).isEqualTo(Map.of(
                "To", List.of(CUSTOMER.value()), "From", List.of(OURS.value()), "Body", List.of("See you Tuesday at 10:00."),
                "StatusCallback", List.of(callback.toString())));
        var refused = telephony.sendSms(account(), new OutgoingSms(CUSTOMER, PLATFORMS, "Hi", callback));
        assertThat(((TelephonyResult.Refused<?>) refused).refusal().code()).isEqualTo(21606);
    }

    @Test
    void finds_a_number_in_the_tenants_account_then_the_platforms_and_not_elsewhere() {
        var own = telephony.findNumber(tenant, OURS).orElseThrow();
        assertThat(own.sid()).isEqualTo(ourNumberSid);
        assertThat(own.accountSid()).isEqualTo(TENANT_SID);
        var list = twilio.requests(TwilioRoute.LIST_NUMBERS).get(0);
        assertThat(list.path()).isEqualTo("/2010-04-01/Accounts/" + TENANT_SID + "/IncomingPhoneNumbers.json");
        assertThat(list.queryParam("PhoneNumber")).isEqualTo(OURS.value());

        assertThat(telephony.findNumber(tenant, PLATFORMS).orElseThrow().accountSid()).isEqualTo(PLATFORM_SID);
        assertThat(telephony.findNumber(tenant, new E164Number("+15550100003"))).isEmpty();
        assertThat(telephony.findNumberBySid(tenant, platformNumberSid).orElseThrow().number()).isEqualTo(PLATFORMS);
        assertThat(telephony.findNumberBySid(tenant, "PN" + "0".repeat(32))).isEmpty();
    }

    @Test
    void configures_a_numbers_webhooks_and_reads_them_back() {
        var wanted = new NumberWebhooks("https://sb.example.com/webhooks/twilio/voice", "POST",
                "https://sb.example.com/webhooks/twilio/status", "https://sb.example.com/webhooks/twilio/sms");
        twilio.editNumber(ourNumberSid, "voice_application_sid", "AP" + "3".repeat(32));
        assertThat(telephony.findNumber(tenant, OURS).orElseThrow().mismatches(wanted)).hasSize(4);

        var configured = telephony.configureNumber(TelephonyAccount.of(tenant, TENANT_SID), ourNumberSid, wanted).orElseThrow();

        assertThat(configured.webhooks()).isEqualTo(wanted);
        assertThat(configured.mismatches(wanted)).isEmpty();
        assertThat(twilio.requests(TwilioRoute.UPDATE_NUMBER).get(0).form()).isEqualTo(Map.of(
                "VoiceUrl", List.of(wanted.voiceUrl()), "VoiceMethod", List.of("POST"), "VoiceApplicationSid", List.of(""),
                "StatusCallback", List.of(wanted.statusCallback()), "StatusCallbackMethod", List.of("POST"),
                "SmsUrl", List.of(wanted.smsUrl()), "SmsMethod", List.of("POST"), "SmsApplicationSid", List.of("")));
        twilio.editNumber(ourNumberSid, "voice_url", "https://elsewhere.example.com/voice");
        assertThat(telephony.findNumberBySid(tenant, ourNumberSid).orElseThrow().mismatches(wanted))
                .containsExactly("VoiceUrl is https://elsewhere.example.com/voice, not " + wanted.voiceUrl());
    }

    @Test
    void verifies_credentials_with_the_pair_given_and_says_when_twilio_does_not_know_them() {
        var valid = telephony.verifyCredentials(tenant, TENANT_SID, TENANT_TOKEN).orElseThrow();
        assertThat(valid.accountSid()).isEqualTo(TENANT_SID);
        assertThat(valid.active()).isTrue();
        assertThat(twilio.requests(TwilioRoute.FETCH_ACCOUNT).get(0).path()).isEqualTo("/2010-04-01/Accounts/" + TENANT_SID + ".json");

        var wrong = telephony.verifyCredentials(tenant, TENANT_SID, "not-the-token");
        assertThat(((TelephonyResult.Refused<?>) wrong).refusal()).isEqualTo(new Refusal(401, 20003, "Authenticate",
                "https://www.twilio.com/docs/errors/20003"));

        twilio.setAccountStatus(TENANT_SID, "suspended");
        assertThat(telephony.verifyCredentials(tenant, TENANT_SID, TENANT_TOKEN).orElseThrow().active()).isFalse();
    }

    @Test
    void stored_credentials_twilio_rejects_are_a_port_failure_not_a_refusal() {
        connections.save(new Connection(tenant, Provider.TWILIO, Map.of("accountSid", TENANT_SID),
                Map.of("authToken", VAULT.seal(null, "revoked")), Instant.now()));

        assertThatThrownBy(() -> telephony.placeCall(account(), OutboundCall.of(CUSTOMER, OURS, VOICE, STATUS)))
                .isInstanceOfSatisfying(PortFailure.class, e -> {
                    assertThat(e.category()).isEqualTo(PortFailure.Category.REJECTED_CREDENTIALS);
                    assertThat(e.getMessage()).doesNotContain("revoked");
                });
    }

    @Test
    void a_tenant_without_a_connection_acts_in_the_platforms_account_and_without_either_has_none() {
        assertThat(telephony.hasAccount(platformOnly)).isTrue();
        assertThat(telephony.placeCall(TelephonyAccount.of(platformOnly), OutboundCall.of(CUSTOMER, PLATFORMS, VOICE, STATUS))
                .orElseThrow().accountSid()).isEqualTo(PLATFORM_SID);

        // The development token: a platform token but no account SID.
        var development = telephony(twilio.baseUrl(), new TwilioProperties(null, "generated-dev-token"), Duration.ofSeconds(5), Duration.ofSeconds(12));
        assertThat(development.hasAccount(platformOnly)).isFalse();
        assertThat(development.findNumber(platformOnly, PLATFORMS)).isEmpty();
        assertThatThrownBy(() -> development.fetchCall(TelephonyAccount.of(platformOnly), "CA" + "0".repeat(32)))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.REJECTED_CREDENTIALS));
    }

    @Test
    void an_answer_that_is_not_json_is_a_port_failure() {
        var sid = twilio.addCall(TENANT_SID, CUSTOMER.value(), OURS.value(), "in-progress");
        twilio.fail(TwilioRoute.FETCH_CALL, TwilioFault.malformed(200));

        assertThatThrownBy(() -> telephony.fetchCall(account(), sid))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.UNAVAILABLE));
    }

    @Test
    void twilio_unreachable_is_unavailable() {
        var nowhere = telephony("http://127.0.0.1:9", new TwilioProperties(PLATFORM_SID, PLATFORM_TOKEN), Duration.ofSeconds(5), Duration.ofSeconds(12));

        assertThatThrownBy(() -> nowhere.verifyCredentials(tenant, TENANT_SID, TENANT_TOKEN))
                .isInstanceOfSatisfying(PortFailure.class, e -> assertThat(e.category()).isEqualTo(PortFailure.Category.UNAVAILABLE));
    }
}
