package dev.switchboard.app.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.sms.RecheckStuckSms;
import dev.switchboard.domain.sms.SmsRepository;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioApiRequest;
import dev.switchboard.testkit.twilio.TwilioRoute;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Texts whose delivery reports never came (no status callback arrived) are read back from the
 * fake Twilio REST API ({@code GET Messages/{sid}.json}) after a while and moved forward to what
 * Twilio says — never back. The scheduled job is off; the test runs the re-check itself on a
 * clock set ahead. Not transactional: the re-check writes on the test thread and the API reads on another.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsRecheckE2eTest implements TestPropertyProvider {
    private static final String CUSTOMER = "+14155550123";
    private static final RecheckStuckSms.Settings SETTINGS =
            new RecheckStuckSms.Settings(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3), 500);

    private final FakeTwilioRest twilio = FakeTwilioRest.start();

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    SmsRepository messages;
    @Inject
    PhoneNumberRepository numbers;
    @Inject
    Telephony telephony;

    private Api owner;
    private String accountSid;
    private String numberId;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.twilio.api-url", twilio.baseUrl(), "switchboard.public-url", SmsE2eTest.PUBLIC,
                "switchboard.reconcile.enabled", "false");
    }

    @BeforeEach
    void a_tenant_with_an_imported_number() {
        twilio.clear();
        accountSid = "AC" + UUID.randomUUID().toString().replace("-", "");
        var token = "token-" + accountSid;
        twilio.addAccount(accountSid, token);
        var number = Fixtures.randomE164();
        twilio.addNumber(accountSid, number);
        owner = new Api(server, json).newTenant("Orders");
        assertThat(owner.put("/api/v1/connections/twilio", Map.of("accountSid", accountSid, "authToken", token)).status()).isEqualTo(200);
        numberId = (String) owner.post("/api/v1/phone-numbers/import", Map.of("number", number)).json().get("id");
        twilio.clear();
    }

    @AfterAll
    void stop() {
        twilio.close();
    }

    private Map<String, Object> send(String body) {
        var answer = owner.post("/api/v1/messages", Map.of("to", CUSTOMER, "phoneNumberId", numberId, "body", body));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json()).containsEntry("status", "queued");
        return answer.json();
    }

    private Map<String, Object> shown(Map<String, Object> message) {
        return owner.get("/api/v1/messages/" + message.get("id")).json();
    }

    /** The re-check as the job runs it, {@code ahead} from now. */
    private RecheckStuckSms.Report recheck(Duration ahead) {
        return new RecheckStuckSms(messages, numbers, telephony, Clock.offset(Clock.systemUTC(), ahead), SETTINGS).run();
    }

    private List<TwilioApiRequest> reads(Map<String, Object> message) {
        return twilio.requests(TwilioRoute.FETCH_MESSAGE).stream().filter(r -> r.path().endsWith("/Messages/" + message.get("twilioSid") + ".json"))
                .toList();
    }

    @Test
    void texts_stuck_queued_are_read_from_twilio_after_a_while_and_moved_forward_with_its_error_code() {
        var delivered = send("Your order ships today.");
        var undelivered = send("Your order ships tomorrow.");
        var stillQueued = send("Your order is delayed.");
        twilio.setMessageStatus((String) delivered.get("twilioSid"), "delivered", null, null);
        twilio.setMessageStatus((String) undelivered.get("twilioSid"), "undelivered", 30003, "Unreachable destination handset");

        recheck(Duration.ofMinutes(1));
        assertThat(List.of(reads(delivered), reads(undelivered), reads(stillQueued))).as("too early: the report may still come")
                .allMatch(List::isEmpty);

        recheck(Duration.ofMinutes(11));

        assertThat(reads(delivered)).hasSize(1);
        assertThat(reads(delivered).get(0).username()).isEqualTo(accountSid);
        assertThat(reads(delivered).get(0).method()).isEqualTo("GET");
        assertThat(shown(delivered)).containsEntry("status", "delivered").doesNotContainKeys("errorCode", "errorMessage");
        assertThat(shown(undelivered)).containsEntry("status", "undelivered").containsEntry("errorCode", 30003)
                .containsEntry("errorMessage", "Unreachable destination handset (https://www.twilio.com/docs/errors/30003)");
        assertThat(shown(stillQueued)).containsEntry("status", "queued");
        assertThat(reads(stillQueued)).hasSize(1);

        recheck(Duration.ofMinutes(12));
        assertThat(reads(stillQueued)).as("read again only after the recheck interval").hasSize(1);
        twilio.setMessageStatus((String) stillQueued.get("twilioSid"), "sent", null, null);
        recheck(Duration.ofMinutes(42));
        assertThat(reads(stillQueued)).hasSize(2);
        assertThat(shown(stillQueued)).containsEntry("status", "sent");
        assertThat(reads(delivered)).as("a message that moved on is not read again").hasSize(1);
    }

    @Test
    void twilios_answer_never_moves_a_text_back() {
        var message = send("Your order ships today.");
        var sid = (String) message.get("twilioSid");
        // Twilio's REST still says queued while our record already moved on (a report came, then got stuck at sending).
        assertThat(messages.advance(dev.switchboard.domain.shared.TenantId.parse((String) owner.get("/api/v1/tenant").json().get("id")),
                sid, dev.switchboard.domain.sms.SmsStatus.SENDING, null, null, java.time.Instant.now())).isTrue();

        recheck(Duration.ofMinutes(11));

        assertThat(reads(message)).hasSize(1);
        assertThat(shown(message)).containsEntry("status", "sending");
    }
}
