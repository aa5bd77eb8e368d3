package dev.switchboard.app.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.app.CallVerdicts;
import dev.switchboard.app.MovableClock;
import dev.switchboard.domain.outbound.DialOutboundCalls;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.StatusDelivery;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioApiRequest;
import dev.switchboard.testkit.twilio.TwilioFault;
import dev.switchboard.testkit.twilio.TwilioRoute;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outbound calls end to end: {@code POST /api/v1/calls} queues, the dialer places the call on a
 * fake Twilio REST API (loopback, real wire format), the virtual caller plays Twilio's side of the
 * call (outbound-api voice webhook, ConversationRelay, status callbacks) and a fake Anthropic API
 * records what the model was told. The scheduled dialer is off: tests run it themselves, most
 * with a clock they move.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundCallE2eTest implements TestPropertyProvider {
    private static final FakeTwilioRest TWILIO = FakeTwilioRest.start();
    private static final FakeAnthropicServer CLAUDE = FakeAnthropicServer.start();
    private static final Map<String, Object> ORDER = Map.of("customer_name", "Ada Lovelace",
            "order", Map.of("id", "A-1042", "items", List.of(Map.of("name", "Teapot", "qty", 2)), "total", 59.9));

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DialOutboundCalls dialer;
    @Inject
    OutboundDialing dialing;

    private OutboundFixture shop;

    @Override
    public Map<String, String> getProperties() {
        return OutboundFixture.dialerOffSettings(Map.of(
                "switchboard.twilio.account-sid", OutboundFixture.PLATFORM_SID,
                "switchboard.twilio.auth-token", OutboundFixture.AUTH_TOKEN,
                "switchboard.twilio.api-url", TWILIO.baseUrl(),
                "switchboard.twilio.api-read-timeout", "1s",
                "switchboard.twilio.api-budget", "3s",
                "switchboard.llm.anthropic.base-url", CLAUDE.baseUrl(),
                "switchboard.llm.anthropic.api-key", "sk-ant-test"));
    }

    @AfterAll
    void stop_the_fakes() {
        TWILIO.close();
        CLAUDE.close();
    }

    @BeforeEach
    void a_shop_with_a_number_on_the_platform_account() {
        TWILIO.reset();
        TWILIO.addAccount(OutboundFixture.PLATFORM_SID, OutboundFixture.AUTH_TOKEN);
        CLAUDE.reset();
        shop = new OutboundFixture(server, new Api(server, json), TWILIO, Map.of());
        dialing.forgetCallsLeftQueued();
    }

    private Map<String, Object> detail(String callId) {
        return shop.owner.get("/api/v1/calls/" + callId).json();
    }

    private List<TwilioApiRequest> dials() {
        return TWILIO.requests(TwilioRoute.CREATE_CALL);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_call_about_an_order_is_dialed_answered_by_the_agent_with_the_order_in_mind_and_completed() throws Exception {
        var answer = shop.place(Map.of("context", ORDER, "reference", "order-A-1042"));
        assertThat(answer.status()).isEqualTo(202);
        var callId = OutboundFixture.id(answer);
        assertThat(OutboundFixture.call(answer.json())).containsEntry("direction", "outbound").containsEntry("status", "queued")
                .containsEntry("from", shop.number).containsEntry("to", OutboundFixture.CUSTOMER).containsEntry("assistantId", shop.assistantId);
        assertThat(dials()).isEmpty();

        dialer.run();

        assertThat(dials()).hasSize(1);
        var dial = dials().get(0);
        assertThat(dial.path()).isEqualTo("/2010-04-01/Accounts/" + OutboundFixture.PLATFORM_SID + "/Calls.json");
        assertThat(dial.username()).isEqualTo(OutboundFixture.PLATFORM_SID);
        assertThat(dial.param("To")).isEqualTo(OutboundFixture.CUSTOMER);
        assertThat(dial.param("From")).isEqualTo(shop.number);
        assertThat(dial.param("Url")).isEqualTo(OutboundFixture.PUBLIC_URL + "/webhooks/twilio/voice?call=" + callId);
        assertThat(dial.param("Method")).isEqualTo("POST");
        assertThat(dial.param("StatusCallback")).isEqualTo(OutboundFixture.PUBLIC_URL + "/webhooks/twilio/status?call=" + callId);
        assertThat(dial.param("StatusCallbackMethod")).isEqualTo("POST");
        assertThat(dial.params("StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(dial.param("MachineDetection")).isNull();
        var sid = TWILIO.calls().get(0).path("sid").asText();
        assertThat(OutboundFixture.call(detail(callId))).containsEntry("providerCallId", sid).containsEntry("status", "queued");

        CLAUDE.enqueueFor(shop.model, AnthropicStream.message("claude").text("Your teapots ", "ship tomorrow.").reply());
        var twilio = shop.twilioFor(callId, StatusDelivery.REVERSED_AND_DUPLICATED);
        for (var status : List.of("ringing", "initiated", "ringing"))
            assertThat(twilio.postSigned("/webhooks/twilio/status?call=" + callId, twilio.callParameters(sid, status)).status()).isEqualTo(204);
        var result = twilio.call(CallScript.builder().say("When does my order arrive?").hangUp().build(), sid);

        var relay = result.twiml().flatMap(TwimlDocument::conversationRelay).orElseThrow();
        assertThat(relay.welcomeGreeting()).contains("Hello Ada Lovelace, this is Orders & Co about your order A-1042.");
        assertThat(result.agentLines()).containsExactly("Your teapots ship tomorrow.");
        var system = String.valueOf(CLAUDE.requests().get(0).body().get("system"));
        assertThat(system).contains("You call Ada Lovelace about order A-1042.")
                .contains("--- BEGIN CALL CONTEXT").contains("\"id\":\"A-1042\"").contains("\"name\":\"Teapot\"").contains("--- END CALL CONTEXT ---");

        var page = shop.owner.get("/api/v1/calls").json();
        assertThat((List<Object>) page.get("items")).hasSize(1);
        var shown = detail(callId);
        assertThat(OutboundFixture.call(shown)).containsEntry("status", "completed").containsEntry("direction", "outbound");
        assertThat((String) OutboundFixture.call(shown).get("summary")).startsWith("Outcome: completed");
        var outbound = (Map<String, Object>) shown.get("outbound");
        assertThat(outbound).containsEntry("reference", "order-A-1042").containsEntry("attempt", 1).containsEntry("dialState", "placed");
        assertThat((Map<String, Object>) outbound.get("context")).containsEntry("customer_name", "Ada Lovelace");
        assertThat(OutboundFixture.eventTypes(shown)).containsSubsequence("dial.queued", "dial.placed", "webhook.received", "twiml.returned",
                "agent.greeted", "caller.said", "agent.said", "summary.written");
        var found = (List<Map<String, Object>>) shop.owner.get("/api/v1/calls?reference=order-A-1042").json().get("items");
        assertThat(found).extracting(c -> c.get("id")).containsExactly(callId);
        assertThat((List<Object>) shop.owner.get("/api/v1/calls?reference=order-0").json().get("items")).isEmpty();
    }

    @Test
    void the_same_idempotency_key_gives_the_same_call_and_one_twilio_request_even_when_sent_at_once() throws Exception {
        var body = Map.<String, Object>of("to", OutboundFixture.CUSTOMER, "phoneNumberId", shop.numberId);
        Callable<String> post = () -> {
            var answer = shop.owner.send("POST", "/api/v1/calls", body, Map.of("Idempotency-Key", "order-A-1042-reminder"));
            assertThat(answer.status()).isEqualTo(202);
            return OutboundFixture.id(answer);
        };
        var pool = Executors.newFixedThreadPool(4);
        var ids = new ArrayList<String>();
        for (var future : pool.invokeAll(Collections.nCopies(4, post))) ids.add(future.get());
        pool.shutdown();
        ids.add(post.call());

        assertThat(ids).hasSize(5).containsOnly(ids.get(0));
        dialer.run();
        dialer.run();
        assertThat(dials()).hasSize(1);
    }

    @Test
    void bad_requests_are_refused_and_nothing_reaches_twilio() {
        var other = new OutboundFixture(server, new Api(server, json), TWILIO, Map.of());
        assertThat(shop.place(Map.of("to", "33612345678")).raw()).contains("\"to\"").contains("+");
        assertThat(shop.place(Map.of("to", "33612345678")).status()).isEqualTo(400);
        assertThat(shop.place(Map.of("phoneNumberId", other.numberId)).status()).isEqualTo(404);
        assertThat(shop.place(Map.of("assistantId", other.assistantId)).status()).isEqualTo(404);
        assertThat(shop.place(Map.of("context", List.of(1, 2))).raw()).contains("context").contains("must be a JSON object");
        assertThat(shop.place(Map.of("context", Map.of("notes", "x".repeat(20_000)))).status()).isEqualTo(400);
        assertThat(shop.place(Map.of("at", "tomorrow")).status()).isEqualTo(400);
        var vapi = new OutboundFixture(server, new Api(server, json), TWILIO, Map.of("runtime", "vapi"));
        var refused = vapi.place(Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("assistantId").contains("connect Vapi first");

        dialer.run();
        assertThat(dials()).isEmpty();
        assertThat(shop.owner.get("/api/v1/calls").json().get("total")).isEqualTo(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_number_twilio_refuses_fails_the_call_with_twilios_code_and_message() {
        var callId = OutboundFixture.id(shop.place(Map.of("to", "+15005550001")));
        TWILIO.fail(TwilioRoute.CREATE_CALL, TwilioFault.error(400, 21211, "Invalid 'To' Phone Number: +15005550001").once());

        dialer.run();

        var shown = detail(callId);
        assertThat(OutboundFixture.call(shown)).containsEntry("status", "failed");
        assertThat((String) OutboundFixture.call(shown).get("endedReason")).contains("21211").contains("Invalid 'To' Phone Number");
        var outbound = (Map<String, Object>) shown.get("outbound");
        assertThat(outbound).containsEntry("dialState", "done");
        assertThat((Map<String, Object>) outbound.get("error")).containsEntry("code", 21211)
                .containsEntry("message", "Invalid 'To' Phone Number: +15005550001");
        assertThat(OutboundFixture.eventTypes(shown)).contains("dial.refused");
        dialer.run();
        assertThat(dials()).hasSize(1);
    }

    @Test
    void a_dial_twilio_refuses_is_listed_and_diagnosed_as_dial_failed() {
        var callId = OutboundFixture.id(shop.place(Map.of("to", "+15005550001")));
        TWILIO.fail(TwilioRoute.CREATE_CALL, TwilioFault.error(400, 21211, "Invalid 'To' Phone Number: +15005550001").once());

        dialer.run();

        CallVerdicts.listedUnder(shop.owner, callId, "dial_failed");
        var diagnosis = CallVerdicts.diagnosis(shop.owner, callId);
        assertThat(diagnosis).containsEntry("verdict", "dial_failed").containsEntry("stage", "dial").containsEntry("problem", true)
                .containsEntry("detail", "21211: Invalid 'To' Phone Number: +15005550001");
        assertThat(CallVerdicts.evidenceTypes(diagnosis)).containsExactly("dial.refused");
    }

    @Test
    void a_call_twilio_answered_without_ever_asking_our_voice_webhook_is_diagnosed_webhook_never_received() {
        var callId = OutboundFixture.id(shop.place(Map.of()));
        dialer.run();
        var sid = OutboundFixture.call(detail(callId)).get("providerCallId").toString();
        // The customer answered, but the voice URL (an old tunnel's) never reached us: Twilio played its
        // application error and hung up. Only the status callbacks came.
        var twilio = shop.twilioFor(callId, StatusDelivery.IN_ORDER);
        for (var status : List.of("initiated", "ringing", "in-progress", "completed"))
            assertThat(twilio.postSigned("/webhooks/twilio/status?call=" + callId, twilio.callParameters(sid, status)).status()).isEqualTo(204);

        CallVerdicts.listedUnder(shop.owner, callId, "webhook_never_received");
        var diagnosis = CallVerdicts.diagnosis(shop.owner, callId);
        assertThat(diagnosis).containsEntry("verdict", "webhook_never_received").containsEntry("stage", "voice webhook")
                .containsEntry("detail", "Twilio placed the call but never fetched its voice URL");
        assertThat(CallVerdicts.evidenceTypes(diagnosis))
                .containsExactly("dial.placed", "status.changed", "status.changed", "status.changed", "status.changed");
    }

    @Test
    void a_customer_whose_line_was_busy_never_answered_so_no_voice_webhook_was_due() {
        var callId = OutboundFixture.id(shop.place(Map.of()));
        dialer.run();
        var sid = OutboundFixture.call(detail(callId)).get("providerCallId").toString();
        var twilio = shop.twilioFor(callId, StatusDelivery.IN_ORDER);
        for (var status : List.of("initiated", "ringing", "busy"))
            assertThat(twilio.postSigned("/webhooks/twilio/status?call=" + callId, twilio.callParameters(sid, status)).status()).isEqualTo(204);

        // Twilio asks for the voice URL only once someone answers: a busy line says nothing about our webhook.
        CallVerdicts.listedUnder(shop.owner, callId, "healthy");
        assertThat(CallVerdicts.diagnosis(shop.owner, callId)).containsEntry("verdict", "healthy").containsEntry("problem", false);
    }

    @Test
    void a_twilio_that_fails_or_hangs_is_not_redialed_before_the_confirmation_window_and_the_call_fails_after_its_tries() {
        var clock = new MovableClock(Instant.now().plusSeconds(1));
        var dialer = dialing.at(clock, 2);
        var callId = OutboundFixture.id(shop.place(Map.of()));
        TWILIO.fail(TwilioRoute.CREATE_CALL, TwilioFault.error(500, 20500, "Internal Server Error").once());

        dialer.run();
        assertThat(dials()).hasSize(1);
        assertThat(OutboundFixture.eventTypes(detail(callId))).contains("dial.unconfirmed");
        dialer.run();
        clock.advance(Duration.ofSeconds(29));
        dialer.run();
        assertThat(dials()).as("Twilio may have the call: no second request within the window").hasSize(1);

        TWILIO.fail(TwilioRoute.CREATE_CALL, TwilioFault.hang(Duration.ofSeconds(30)).once());
        clock.advance(Duration.ofSeconds(2));
        dialer.run();
        assertThat(dials()).hasSize(2);
        TWILIO.clear();
        clock.advance(Duration.ofMinutes(2));
        dialer.run();
        assertThat(dials()).as("two tries without an answer: failed, not dialed a third time").isEmpty();
        assertThat(OutboundFixture.call(detail(callId))).containsEntry("status", "failed");
        assertThat(OutboundFixture.eventTypes(detail(callId))).contains("dial.failed");
    }

    @Test
    void a_webhook_naming_the_call_after_a_timeout_confirms_it_and_it_is_never_dialed_again() {
        var clock = new MovableClock(Instant.now().plusSeconds(1));
        var dialer = dialing.at(clock, 3);
        var callId = OutboundFixture.id(shop.place(Map.of()));
        TWILIO.fail(TwilioRoute.CREATE_CALL, TwilioFault.hang(Duration.ofSeconds(30)).once());
        dialer.run();
        assertThat(OutboundFixture.eventTypes(detail(callId))).contains("dial.unconfirmed");

        var sid = "CA" + "7".repeat(32);
        var twilio = shop.twilioFor(callId, StatusDelivery.IN_ORDER);
        assertThat(twilio.postSigned("/webhooks/twilio/status?call=" + callId, twilio.callParameters(sid, "ringing")).status()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(10));
        dialer.run();

        assertThat(dials()).hasSize(1);
        assertThat(OutboundFixture.call(detail(callId))).containsEntry("providerCallId", sid).containsEntry("status", "ringing");
    }

    @Test
    void two_dialer_threads_never_dial_one_call_twice() throws Exception {
        var placed = new ArrayList<String>();
        for (int i = 0; i < 12; i++) placed.add(OutboundFixture.id(shop.place(Map.of("to", "+3361234" + String.format("%04d", i)))));
        var pool = Executors.newFixedThreadPool(2);
        Callable<Integer> work = () -> {
            int total = 0;
            for (int round = 0; round < 6; round++) total += dialer.run().placed();
            return total;
        };
        var results = pool.invokeAll(List.of(work, work));
        pool.shutdown();
        int total = results.get(0).get() + results.get(1).get();

        assertThat(total).isEqualTo(12);
        assertThat(dials()).extracting(r -> r.param("To")).hasSize(12).doesNotHaveDuplicates();
        for (var callId : placed) assertThat(OutboundFixture.call(detail(callId)).get("providerCallId")).isNotNull();
    }

    @Test
    void concurrency_and_calls_per_second_limits_hold_calls_back_until_there_is_room() {
        shop.owner.put("/api/v1/outbound-settings", Map.of("maxConcurrentOutboundCalls", 1, "callsPerSecond", 1));
        var clock = new MovableClock(Instant.now().plusSeconds(1));
        var dialer = dialing.at(clock, 3);
        var first = OutboundFixture.id(shop.place(Map.of("to", "+33612340001")));
        var second = OutboundFixture.id(shop.place(Map.of("to", "+33612340002")));

        dialer.run();
        clock.advance(Duration.ofSeconds(5));
        dialer.run();
        assertThat(dials()).extracting(r -> r.param("To")).containsExactly("+33612340001");

        var sid = OutboundFixture.call(detail(first)).get("providerCallId").toString();
        var twilio = shop.twilioFor(first, StatusDelivery.IN_ORDER);
        var done = twilio.callParameters(sid, "completed");
        done.put("CallDuration", "31");
        assertThat(twilio.postSigned("/webhooks/twilio/status?call=" + first, done).status()).isEqualTo(204);
        clock.advance(Duration.ofSeconds(3));
        dialer.run();
        assertThat(dials()).extracting(r -> r.param("To")).containsExactly("+33612340001", "+33612340002");
        assertThat(OutboundFixture.call(detail(second)).get("providerCallId")).isNotNull();

        shop.owner.put("/api/v1/outbound-settings", Map.of("maxConcurrentOutboundCalls", 50, "callsPerSecond", 1));
        TWILIO.clear();
        for (int i = 0; i < 3; i++) shop.place(Map.of("to", "+3361235000" + i));
        clock.advance(Duration.ofSeconds(10));
        dialer.run();
        dialer.run();
        assertThat(dials()).as("one call per second").hasSize(1);
        clock.advance(Duration.ofMillis(1100));
        dialer.run();
        assertThat(dials()).hasSize(2);
    }

    @Test
    void a_call_outside_calling_hours_waits_for_the_window_to_open_in_the_tenants_timezone() {
        shop.owner.put("/api/v1/tenant", Map.of("timezone", "Europe/Paris"));
        shop.owner.put("/api/v1/outbound-settings", Map.of("callingHours", Map.of("start", "09:00", "end", "18:00")));
        // A fixed date would fall behind the wall clock that stamps the call as due: use tomorrow.
        var paris = java.time.ZoneId.of("Europe/Paris");
        var tomorrow = java.time.LocalDate.now(paris).plusDays(1);
        var evening = tomorrow.atTime(20, 30).atZone(paris).toInstant();
        var clock = new MovableClock(evening);
        var dialer = dialing.at(clock, 3);
        var callId = OutboundFixture.id(shop.place(Map.of()));

        dialer.run();
        assertThat(dials()).isEmpty();
        assertThat(OutboundFixture.eventTypes(detail(callId))).contains("dial.deferred");
        clock.set(tomorrow.plusDays(1).atTime(8, 59).atZone(paris).toInstant());
        dialer.run();
        assertThat(dials()).isEmpty();
        clock.set(tomorrow.plusDays(1).atTime(9, 0).atZone(paris).toInstant());
        dialer.run();
        assertThat(dials()).hasSize(1);
    }

    @Test
    void a_scheduled_call_is_dialed_at_its_time() {
        var clock = new MovableClock(Instant.now().plusSeconds(1));
        var dialer = dialing.at(clock, 3);
        var callId = OutboundFixture.id(shop.place(Map.of("at", clock.instant().plus(Duration.ofHours(1)).toString())));

        dialer.run();
        clock.advance(Duration.ofMinutes(59));
        dialer.run();
        assertThat(dials()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        dialer.run();
        assertThat(dials()).hasSize(1);
        assertThat(OutboundFixture.call(detail(callId)).get("providerCallId")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_busy_line_is_tried_again_after_the_spacing_as_a_new_call_with_the_same_reference() {
        var clock = new MovableClock(Instant.now().plusSeconds(1));
        var dialer = dialing.at(clock, 3);
        var first = OutboundFixture.id(shop.place(Map.of("reference", "order-77", "context", ORDER, "retry", Map.of("attempts", 2, "spacingMinutes", 5))));
        dialer.run();
        var sid = OutboundFixture.call(detail(first)).get("providerCallId").toString();
        var twilio = shop.twilioFor(first, StatusDelivery.IN_ORDER);
        assertThat(twilio.postSigned("/webhooks/twilio/status?call=" + first, twilio.callParameters(sid, "busy")).status()).isEqualTo(204);
        assertThat(OutboundFixture.call(detail(first))).containsEntry("status", "busy");

        dialer.run();
        var attempts = (List<Map<String, Object>>) shop.owner.get("/api/v1/calls?reference=order-77").json().get("items");
        assertThat(attempts).hasSize(2);
        var second = attempts.stream().map(c -> (String) c.get("id")).filter(id -> !id.equals(first)).findFirst().orElseThrow();
        assertThat(OutboundFixture.eventTypes(detail(first))).contains("retry.scheduled");
        assertThat((Map<String, Object>) detail(second).get("outbound")).containsEntry("attempt", 2).containsEntry("firstCallId", first);
        assertThat(dials()).hasSize(1);

        clock.advance(Duration.ofMinutes(4));
        dialer.run();
        assertThat(dials()).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        dialer.run();
        assertThat(dials()).hasSize(2);

        var secondSid = OutboundFixture.call(detail(second)).get("providerCallId").toString();
        var again = shop.twilioFor(second, StatusDelivery.IN_ORDER);
        again.postSigned("/webhooks/twilio/status?call=" + second, again.callParameters(secondSid, "no-answer"));
        clock.advance(Duration.ofHours(1));
        dialer.run();
        assertThat((List<Object>) shop.owner.get("/api/v1/calls?reference=order-77").json().get("items")).as("two attempts in all").hasSize(2);
    }

    @Test
    void an_answering_machine_hears_the_voicemail_message_and_the_call_hangs_up_while_a_person_gets_the_agent() {
        var machine = new OutboundFixture(server, new Api(server, json), TWILIO, Map.of("machineDetection", true,
                "voicemailMessage", "Hello {{customer_name}}, your order {{order.id}} has shipped. Goodbye."));
        var callId = OutboundFixture.id(machine.place(Map.of("context", ORDER)));
        dialer.run();
        assertThat(dials().get(0).param("MachineDetection")).isEqualTo("DetectMessageEnd");
        var sid = OutboundFixture.call(machine.owner.get("/api/v1/calls/" + callId).json()).get("providerCallId").toString();

        var twilio = machine.twilioFor(callId, StatusDelivery.IN_ORDER);
        var params = twilio.voiceParameters(sid);
        params.put("CallStatus", "in-progress");
        params.put("AnsweredBy", "machine_end_beep");
        var answered = twilio.postVoiceWebhook(params);

        var twiml = TwimlDocument.parse(answered.body());
        assertThat(twiml.says()).containsExactly("Hello Ada Lovelace, your order A-1042 has shipped. Goodbye.");
        assertThat(twiml.hangsUp()).isTrue();
        assertThat(twiml.conversationRelay()).isEmpty();
        var shown = machine.owner.get("/api/v1/calls/" + callId).json();
        assertThat(OutboundFixture.eventTypes(shown)).contains("machine.detected", "voicemail.left");

        var person = OutboundFixture.id(machine.place(Map.of("context", ORDER, "to", "+33612340099")));
        dialer.run();
        var personSid = OutboundFixture.call(machine.owner.get("/api/v1/calls/" + person).json()).get("providerCallId").toString();
        var human = machine.twilioFor(person, StatusDelivery.IN_ORDER);
        var humanParams = human.voiceParameters(personSid);
        humanParams.put("AnsweredBy", "human");
        assertThat(TwimlDocument.parse(human.postVoiceWebhook(humanParams).body()).conversationRelay()).isPresent();
    }

    @Test
    void a_queued_call_is_cancelled_before_it_is_dialed_and_a_ringing_one_is_cancelled_at_twilio() {
        var clock = new MovableClock(Instant.now().plusSeconds(1));
        var dialer = dialing.at(clock, 3);
        var queued = OutboundFixture.id(shop.place(Map.of("at", clock.instant().plus(Duration.ofHours(1)).toString())));
        var cancelled = shop.owner.post("/api/v1/calls/" + queued + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json()).containsEntry("status", "canceled");
        clock.advance(Duration.ofHours(2));
        dialer.run();
        assertThat(dials()).isEmpty();

        var ringing = OutboundFixture.id(shop.place(Map.of()));
        dialer.run();
        var sid = OutboundFixture.call(detail(ringing)).get("providerCallId").toString();
        assertThat(shop.owner.post("/api/v1/calls/" + ringing + "/cancel", null).status()).isEqualTo(202);
        var update = TWILIO.requests(TwilioRoute.UPDATE_CALL);
        assertThat(update).hasSize(1);
        assertThat(update.get(0).path()).endsWith("/Calls/" + sid + ".json");
        assertThat(update.get(0).param("Status")).isEqualTo("canceled");

        var twilio = shop.twilioFor(ringing, StatusDelivery.IN_ORDER);
        twilio.postSigned("/webhooks/twilio/status?call=" + ringing, twilio.callParameters(sid, "canceled"));
        assertThat(OutboundFixture.call(detail(ringing))).containsEntry("status", "canceled");
        assertThat(shop.owner.post("/api/v1/calls/" + ringing + "/cancel", null).status()).isEqualTo(409);
    }
}
