package dev.switchboard.app.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.caller.WebhookExchange;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioFault;
import dev.switchboard.testkit.twilio.TwilioRoute;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11, SMS, against the testkit's fake Twilio REST API: a text sent through
 * {@code POST /api/v1/messages} reaches {@code Messages.json} with our delivery webhook; delivery
 * reports shuffled and duplicated only move it forward; Twilio's refusal and a hanging Twilio
 * leave it failed with the reason; inbound texts are stored for the number's tenant; STOP and
 * START are honoured; bad input sends nothing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsE2eTest implements TestPropertyProvider {
    static final String PUBLIC = "https://sb.example.com";
    private static final String STATUS = PUBLIC + "/webhooks/twilio/sms-status";
    private static final String CUSTOMER = "+14155550123";

    private final FakeTwilioRest twilio = FakeTwilioRest.start();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;
    private String accountSid;
    private String token;
    private String number;
    private String numberId;

    @Override
    public Map<String, String> getProperties() {
        // A short read timeout keeps the hanging-Twilio test short; the bound is what matters, not its value.
        return Map.of("switchboard.twilio.api-url", twilio.baseUrl(), "switchboard.public-url", PUBLIC,
                "switchboard.twilio.api-read-timeout", "1s");
    }

    @BeforeEach
    void a_tenant_with_an_imported_number() {
        twilio.clear();
        accountSid = "AC" + UUID.randomUUID().toString().replace("-", "");
        token = "token-" + accountSid;
        twilio.addAccount(accountSid, token);
        number = Fixtures.randomE164();
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

    private Api.Answer send(String to, String body) {
        return owner.post("/api/v1/messages", Map.of("to", to, "phoneNumberId", numberId, "body", body));
    }

    @Test
    void a_text_is_handed_to_twilio_with_our_delivery_webhook_and_answered_202_queued() {
        var answer = send(CUSTOMER, "Your order 123 ships today.");

        assertThat(answer.status()).isEqualTo(202);
        var message = answer.json();
        assertThat(message).containsEntry("direction", "outbound").containsEntry("status", "queued").containsEntry("from", number)
                .containsEntry("to", CUSTOMER).containsEntry("body", "Your order 123 ships today.").containsEntry("phoneNumberId", numberId);
        var requests = twilio.requests(TwilioRoute.CREATE_MESSAGE);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).username()).isEqualTo(accountSid);
        assertThat(requests.get(0).form()).isEqualTo(Map.of("To", List.of(CUSTOMER), "From", List.of(number),
                "Body", List.of("Your order 123 ships today."), "StatusCallback", List.of(STATUS + "?message=" + message.get("id"))));
        var sid = twilio.messages().get(twilio.messages().size() - 1).path("sid").asText();
        assertThat(message).containsEntry("twilioSid", sid);
        assertThat(owner.get("/api/v1/messages/" + message.get("id")).json()).isEqualTo(message);
    }

    @Test
    void delivery_reports_shuffled_and_duplicated_end_delivered() {
        var message = send(CUSTOMER, "Your order ships today.").json();
        var reports = new ArrayList<String>(List.of("queued", "sending", "sent", "delivered", "sent", "delivered", "sending", "queued"));
        Collections.shuffle(reports, new Random(20261203L));
        var sender = sender();
        for (var status : reports) assertThat(report(sender, (String) message.get("twilioSid"), status, null).status()).isEqualTo(204);

        var after = owner.get("/api/v1/messages/" + message.get("id")).json();
        assertThat(after).containsEntry("status", "delivered").doesNotContainKeys("errorCode", "errorMessage");
    }

    @Test
    void an_undelivered_report_shows_twilios_error_code_and_later_reports_do_not_undo_it() {
        var message = send(CUSTOMER, "Your order ships today.").json();
        var sid = (String) message.get("twilioSid");
        var sender = sender();
        report(sender, sid, "sent", null);
        report(sender, sid, "undelivered", "30003");
        report(sender, sid, "delivered", null);
        report(sender, sid, "sent", null);

        var after = owner.get("/api/v1/messages/" + message.get("id")).json();
        assertThat(after).containsEntry("status", "undelivered").containsEntry("errorCode", 30003)
                .containsEntry("errorMessage", "Unreachable destination handset (https://www.twilio.com/docs/errors/30003)");
    }

    @Test
    void a_forged_delivery_report_is_403_and_changes_nothing() {
        var message = send(CUSTOMER, "Hello").json();
        var forger = VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC).authToken("not-the-token")
                .accountSid(accountSid).from(number).to(CUSTOMER).build();
        assertThat(report(forger, (String) message.get("twilioSid"), "failed", "30008").status()).isEqualTo(403);
        assertThat(owner.get("/api/v1/messages/" + message.get("id")).json()).containsEntry("status", "queued");
    }

    @Test
    void twilio_refusing_leaves_the_message_failed_with_its_code_and_message() {
        twilio.fail(TwilioRoute.CREATE_MESSAGE, TwilioFault.error(400, 21211, "Invalid 'To' Phone Number: +15005550001").once());

        var answer = send("+15005550001", "Hello");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json()).containsEntry("status", "failed").containsEntry("errorCode", 21211)
                .containsEntry("errorMessage", "Invalid 'To' Phone Number: +15005550001").doesNotContainKey("twilioSid");
        assertThat(owner.get("/api/v1/messages/" + answer.json().get("id")).json()).isEqualTo(answer.json());
    }

    @Test
    void a_hanging_twilio_gets_an_answer_within_the_clients_bound_and_the_message_failed_saying_why() {
        twilio.fail(TwilioRoute.CREATE_MESSAGE, TwilioFault.hang(Duration.ofSeconds(30)));

        var answer = send(CUSTOMER, "Hello");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json()).containsEntry("status", "failed");
        assertThat((String) answer.json().get("errorMessage")).startsWith("Twilio could not take the message");
        // Never sent twice: a message is not retried after a timeout (the customer could get it twice).
        assertThat(twilio.requests(TwilioRoute.CREATE_MESSAGE)).hasSize(1);
    }

    /**
     * A report whose SID we never stored (here: Twilio took the text but its answer never reached
     * us; in the fake Twilio of the walkthrough: the report outran the answer) finds the message
     * its URL names and gives it the SID; a failed message stays failed.
     */
    @Test
    void a_report_naming_our_message_gives_it_the_sid_twilios_lost_answer_carried() {
        twilio.fail(TwilioRoute.CREATE_MESSAGE, TwilioFault.hang(Duration.ofSeconds(30)));
        var message = send(CUSTOMER, "Hello").json();
        assertThat(message).containsEntry("status", "failed").doesNotContainKey("twilioSid");
        var sid = "SM" + "5".repeat(32);

        var posted = report(sender(), "/webhooks/twilio/sms-status?message=" + message.get("id"), sid, "sent", null);

        assertThat(posted.status()).isEqualTo(204);
        assertThat(owner.get("/api/v1/messages/" + message.get("id")).json()).containsEntry("twilioSid", sid).containsEntry("status", "failed");
    }

    @Test
    void bad_input_is_400_or_404_naming_the_field_and_nothing_is_sent() {
        var other = new Api(server, json).newTenant("Other");
        var foreignId = (String) other.post("/api/v1/phone-numbers", Map.of("number", Fixtures.randomE164())).json().get("id");

        var empty = send(CUSTOMER, " ");
        var tooLong = send(CUSTOMER, "x".repeat(1601));
        var noPlus = send("14155550123", "Hello");
        var malformedId = owner.post("/api/v1/messages", Map.of("to", CUSTOMER, "phoneNumberId", "nope", "body", "Hello"));
        var unknown = owner.post("/api/v1/messages", Map.of("to", CUSTOMER, "phoneNumberId", UUID.randomUUID().toString(), "body", "Hello"));
        var foreign = owner.post("/api/v1/messages", Map.of("to", CUSTOMER, "phoneNumberId", foreignId, "body", "Hello"));

        assertThat(List.of(empty, tooLong, noPlus, malformedId)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.contentType()).startsWith("application/problem+json");
        });
        assertThat(empty.raw()).contains("\"field\":\"body\"");
        assertThat(tooLong.raw()).contains("\"field\":\"body\"").contains("at most 1600 characters");
        assertThat(noPlus.raw()).contains("\"field\":\"to\"").contains("starting with +");
        assertThat(malformedId.raw()).contains("\"field\":\"phoneNumberId\"");
        assertThat(List.of(unknown.status(), foreign.status())).containsExactly(404, 404);
        assertThat(twilio.requests(TwilioRoute.CREATE_MESSAGE)).isEmpty();
        assertThat(owner.get("/api/v1/messages").json()).containsEntry("total", 0);
    }

    @Test
    void an_inbound_text_is_stored_once_for_the_numbers_tenant_and_answered_with_empty_twiml() {
        var customer = customer(CUSTOMER);
        var sid = "SM" + UUID.randomUUID().toString().replace("-", "");

        var first = inbound(customer, sid, "Is my order ready?");
        var again = inbound(customer, sid, "Is my order ready?");

        for (var answer : List.of(first, again)) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.contentType()).startsWith("text/xml");
            assertThat(answer.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        }
        var page = owner.get("/api/v1/messages?direction=inbound").json();
        assertThat(page).containsEntry("total", 1);
        @SuppressWarnings("unchecked")
        var message = ((List<Map<String, Object>>) page.get("items")).get(0);
        assertThat(message).containsEntry("direction", "inbound").containsEntry("status", "received").containsEntry("from", CUSTOMER)
                .containsEntry("to", number).containsEntry("body", "Is my order ready?").containsEntry("twilioSid", sid)
                .containsEntry("phoneNumberId", numberId);
    }

    @Test
    void an_inbound_text_to_a_number_we_do_not_have_gets_empty_twiml_and_nothing_is_stored() {
        var stranger = VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC).authToken(token).accountSid(accountSid)
                .from(CUSTOMER).to("+15550000002").build();
        var form = inboundForm("SM" + "0".repeat(32), CUSTOMER, "+15550000002", "Hello?");
        var answer = stranger.postSigned("/webhooks/twilio/sms", form);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(owner.get("/api/v1/messages").json()).containsEntry("total", 0);
        assertThat(customer(CUSTOMER).postWithSignature("/webhooks/twilio/sms", inboundForm("SM" + "1".repeat(32), CUSTOMER, number, "x"),
                java.util.Optional.empty()).status()).isEqualTo(403);
        assertThat(owner.get("/api/v1/messages").json()).containsEntry("total", 0);
    }

    @Test
    void stop_stops_texts_to_that_recipient_from_this_tenant_until_start() {
        var customer = customer(CUSTOMER);
        inbound(customer, "SM" + UUID.randomUUID().toString().replace("-", ""), " Stop ");

        var refused = send(CUSTOMER, "Your order ships today.");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat((String) refused.json().get("detail")).contains("opted out").contains(CUSTOMER);
        assertThat(twilio.requests(TwilioRoute.CREATE_MESSAGE)).isEmpty();
        // Another recipient is not affected.
        assertThat(send("+14155550124", "Your order ships today.").status()).isEqualTo(202);

        inbound(customer, "SM" + UUID.randomUUID().toString().replace("-", ""), "START");
        assertThat(send(CUSTOMER, "Your order ships today.").status()).isEqualTo(202);
        assertThat(twilio.requests(TwilioRoute.CREATE_MESSAGE)).extracting(r -> r.param("To")).containsExactly("+14155550124", CUSTOMER);
    }

    @Test
    void a_message_that_merely_mentions_stop_is_not_an_opt_out() {
        inbound(customer(CUSTOMER), "SM" + UUID.randomUUID().toString().replace("-", ""), "Please don't stop the delivery");
        assertThat(send(CUSTOMER, "Noted!").status()).isEqualTo(202);
    }

    @Test
    void the_list_filters_by_direction_status_number_and_dates_and_pages() {
        send(CUSTOMER, "one");
        send("+14155550124", "two");
        twilio.fail(TwilioRoute.CREATE_MESSAGE, TwilioFault.error(400, 21211, "Invalid 'To' Phone Number").once());
        send("+14155550125", "three");
        inbound(customer(CUSTOMER), "SM" + UUID.randomUUID().toString().replace("-", ""), "four");

        assertThat(bodies("")).containsExactly("four", "three", "two", "one");
        assertThat(bodies("?direction=outbound")).containsExactly("three", "two", "one");
        assertThat(bodies("?status=failed")).containsExactly("three");
        assertThat(bodies("?number=%2B14155550123")).containsExactly("four", "one");
        assertThat(bodies("?number=+14155550123")).containsExactly("four", "one");
        assertThat(bodies("?to=2000-01-01T00:00:00Z")).isEmpty();
        assertThat(bodies("?from=2000-01-01T00:00:00Z&limit=2&offset=1")).containsExactly("three", "two");
        assertThat(owner.get("/api/v1/messages?limit=2").json()).containsEntry("total", 4).containsEntry("limit", 2);
        var bad = owner.get("/api/v1/messages?status=lost&direction=sideways&from=yesterday&limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("\"field\":\"status\"").contains("\"field\":\"direction\"").contains("\"field\":\"from\"")
                .contains("\"field\":\"limit\"");
    }

    @Test
    void another_tenants_message_is_404() {
        var id = send(CUSTOMER, "Hello").json().get("id");
        var other = new Api(server, json).newTenant("Other");

        assertThat(other.get("/api/v1/messages/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/messages/not-a-uuid").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/messages").json()).containsEntry("total", 0);
    }

    @SuppressWarnings("unchecked")
    private List<String> bodies(String query) {
        var page = owner.get("/api/v1/messages" + query).json();
        return ((List<Map<String, Object>>) page.get("items")).stream().map(m -> (String) m.get("body")).toList();
    }

    /** Twilio, posting delivery reports for texts sent from our number. */
    private VirtualCaller sender() {
        return VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC).authToken(token).accountSid(accountSid)
                .from(number).to(CUSTOMER).build();
    }

    /** Twilio, posting texts the customer sends to our number. */
    private VirtualCaller customer(String from) {
        return VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC).authToken(token).accountSid(accountSid)
                .from(from).to(number).build();
    }

    private WebhookExchange report(VirtualCaller twilioSide, String sid, String status, String errorCode) {
        return report(twilioSide, "/webhooks/twilio/sms-status", sid, status, errorCode);
    }

    private WebhookExchange report(VirtualCaller twilioSide, String path, String sid, String status, String errorCode) {
        var form = new LinkedHashMap<String, String>();
        form.put("AccountSid", accountSid);
        form.put("ApiVersion", "2010-04-01");
        form.put("From", number);
        form.put("To", CUSTOMER);
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        if (errorCode != null) form.put("ErrorCode", errorCode);
        return twilioSide.postSigned(path, form);
    }

    private WebhookExchange inbound(VirtualCaller customer, String sid, String body) {
        return customer.postSigned("/webhooks/twilio/sms", inboundForm(sid, CUSTOMER, number, body));
    }

    private Map<String, String> inboundForm(String sid, String from, String to, String body) {
        var form = new LinkedHashMap<String, String>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", sid);
        form.put("NumMedia", "0");
        form.put("SmsSid", sid);
        form.put("SmsStatus", "received");
        form.put("Body", body);
        form.put("To", to);
        form.put("NumSegments", "1");
        form.put("MessageSid", sid);
        form.put("AccountSid", accountSid);
        form.put("From", from);
        form.put("ApiVersion", "2010-04-01");
        return form;
    }
}
