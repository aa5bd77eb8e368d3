package dev.switchboard.testkit.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole calls on loopback against {@link FakeSwitchboard}, which only knows the wire protocols. */
class VirtualCallerTest {
    private static final String TOKEN = "test_auth_token_123";
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-08T13:54:12Z"), ZoneOffset.UTC);

    private FakeSwitchboard server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeSwitchboard(TOKEN);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private VirtualCaller.Builder caller() {
        return VirtualCaller.builder(server.baseUrl()).publicUrl(FakeSwitchboard.PUBLIC_URL).authToken(TOKEN)
                .accountSid(ACCOUNT).from("+33612345678").to(FakeSwitchboard.KNOWN_NUMBER).clock(CLOCK);
    }

    @Test
    void plays_a_whole_call_like_twilio() {
        var result = caller().build().call(CallScript.builder()
                .sayWithPartials("bonjour à tous")
                .press("1", false)
                .garbage("not json")
                .garbage("{\"type\":\"bogus\"}")
                .say("tell me a story").interrupt(1, 10, 800)
                .say("transfer me")
                .awaitEnd()
                .build());

        var callSid = result.callSid();
        assertThat(callSid).matches("CA[0-9a-f]{32}");
        assertThat(result.sessionId()).matches("VX[0-9a-f]{32}");
        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.AGENT_ENDED);
        assertThat(result.twiml().flatMap(TwimlDocument::conversationRelay).flatMap(ConversationRelayNoun::welcomeGreeting))
                .contains("Hello, Acme here.");
        assertThat(result.handshakeStatus()).isEqualTo(OptionalInt.of(101));
        assertThat(server.handshakes).containsExactly("/webhooks/twilio/relay?tenant=acme&call=" + callSid);

        assertThat(result.sentFrames()).containsExactly(
                "{\"type\":\"setup\",\"sessionId\":\"" + result.sessionId() + "\",\"accountSid\":\"" + ACCOUNT + "\",\"callSid\":\""
                        + callSid + "\",\"parentCallSid\":\"\",\"from\":\"+33612345678\",\"to\":\"+15005550006\",\"forwardedFrom\":\"\","
                        + "\"callerName\":\"\",\"direction\":\"inbound\",\"callType\":\"PSTN\",\"callStatus\":\"RINGING\","
                        + "\"customParameters\":{\"tenantId\":\"acme\"}}",
                "{\"type\":\"prompt\",\"voicePrompt\":\"bonjour\",\"lang\":\"fr-FR\",\"last\":false}",
                "{\"type\":\"prompt\",\"voicePrompt\":\"bonjour à\",\"lang\":\"fr-FR\",\"last\":false}",
                "{\"type\":\"prompt\",\"voicePrompt\":\"bonjour à tous\",\"lang\":\"fr-FR\",\"last\":true}",
                "{\"type\":\"dtmf\",\"digit\":\"1\"}",
                "not json",
                "{\"type\":\"bogus\"}",
                "{\"type\":\"prompt\",\"voicePrompt\":\"tell me a story\",\"lang\":\"fr-FR\",\"last\":true}",
                "{\"type\":\"interrupt\",\"utteranceUntilInterrupt\":\"Once upon \",\"durationUntilInterruptMs\":800}",
                "{\"type\":\"prompt\",\"voicePrompt\":\"transfer me\",\"lang\":\"fr-FR\",\"last\":true}");
        assertThat(result.sentFrames()).isEqualTo(server.received);

        assertThat(result.turns()).extracting(AgentTurn::callerInput, AgentTurn::text, AgentTurn::ending, AgentTurn::heard)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bonjour à tous", "You said: bonjour à tous", AgentTurn.Ending.LAST_TOKEN, Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("tell me a story", "Once upon a time, ", AgentTurn.Ending.INTERRUPTED, Optional.of("Once upon ")),
                        org.assertj.core.groups.Tuple.tuple("transfer me", "Transferring you now.", AgentTurn.Ending.LAST_TOKEN, Optional.empty()));
        assertThat(result.turns()).allSatisfy(turn -> assertThat(turn.timeToFirstToken()).isPresent());

        assertThat(result.handoffData()).contains("{\"reason\":\"human_requested\"}");
        assertThat(result.transferredTo()).containsExactly("+14155550123");
        assertThat(result.httpStatuses()).containsExactly(200, 200, 204, 204);

        var base = Map.of("AccountSid", ACCOUNT, "CallSid", callSid, "From", "+33612345678", "To", "+15005550006",
                "Direction", "inbound", "ApiVersion", "2010-04-01");
        var voice = server.posted("/webhooks/twilio/voice").get(0);
        assertThat(voice).containsAllEntriesOf(base).containsEntry("CallStatus", "ringing").containsEntry("Caller", "+33612345678")
                .containsEntry("Called", "+15005550006").containsEntry("FromCountry", "FR").containsEntry("ToCountry", "US");
        assertThat(voice.get("_idempotency")).isNotBlank();

        var action = new LinkedHashMap<>(server.posted("/webhooks/twilio/relay-action").get(0));
        assertThat(action).containsAllEntriesOf(base).containsEntry("CallStatus", "in-progress")
                .containsEntry("SessionId", result.sessionId()).containsEntry("SessionStatus", "ended")
                .containsEntry("SessionDuration", "0").containsEntry("HandoffData", "{\"reason\":\"human_requested\"}")
                .doesNotContainKey("ErrorCode");

        assertThat(server.posted("/webhooks/twilio/status")).extracting(s -> List.of(s.get("CallStatus"), s.get("SequenceNumber"),
                        s.get("CallbackSource"), s.get("Timestamp"), String.valueOf(s.get("CallDuration"))))
                .containsExactly(
                        List.of("in-progress", "0", "call-progress-events", "Wed, 08 Oct 2025 13:54:12 +0000", "null"),
                        List.of("completed", "1", "call-progress-events", "Wed, 08 Oct 2025 13:54:12 +0000", "0"));
    }

    @Test
    void a_key_press_can_end_the_session() {
        var result = caller().build().call(CallScript.builder().press("0").awaitEnd().say("never sent").build());

        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.AGENT_ENDED);
        assertThat(result.agentLines()).containsExactly("Connecting you.");
        assertThat(result.turns().get(0).callerInput()).isEqualTo("dtmf:0");
        assertThat(result.sentFrames()).hasSize(2).last().isEqualTo("{\"type\":\"dtmf\",\"digit\":\"0\"}");
        assertThat(result.handoffData()).contains("{\"reason\":\"caller pressed 0\"}");
    }

    @Test
    void a_caller_hanging_up_reaches_the_action_url_as_completed() {
        var result = caller().build().call(CallScript.builder().say("hello").build());

        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.CALLER_HUNG_UP);
        assertThat(result.agentLines()).containsExactly("You said: hello");
        assertThat(server.posted("/webhooks/twilio/relay-action").get(0)).containsEntry("CallStatus", "completed")
                .containsEntry("SessionStatus", "ended").doesNotContainKey("HandoffData");
        assertThat(result.actionTwiml().map(TwimlDocument::hangsUp)).contains(true);
    }

    @Test
    void a_socket_closed_by_the_server_is_reported_as_twilio_would() {
        var result = caller().build().call(CallScript.builder().say("drop the line").say("never sent").build());

        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.SERVER_CLOSED_SOCKET);
        assertThat(result.turns()).extracting(AgentTurn::ending).containsExactly(AgentTurn.Ending.SOCKET_CLOSED);
        assertThat(server.posted("/webhooks/twilio/relay-action").get(0)).containsEntry("CallStatus", "in-progress")
                .containsEntry("SessionStatus", "failed").containsEntry("ErrorCode", "64105");
    }

    @Test
    void an_unknown_number_gets_no_relay_and_the_call_still_completes() {
        var result = caller().to("+15005550009").build().call(CallScript.builder().say("hello").build());

        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.NO_RELAY);
        assertThat(result.twiml().map(TwimlDocument::says)).contains(List.of("This number is not in service."));
        assertThat(result.frames()).isEmpty();
        assertThat(result.httpStatuses()).containsExactly(200, 204, 204);
    }

    @Test
    void status_callbacks_can_arrive_reversed_and_retried() {
        var result = caller().statusDelivery(StatusDelivery.REVERSED_AND_DUPLICATED).build().call(CallScript.builder().build());

        var posted = server.posted("/webhooks/twilio/status");
        assertThat(posted).extracting(s -> s.get("SequenceNumber")).containsExactly("1", "0", "0", "1");
        assertThat(posted.get(0).get("_idempotency")).isEqualTo(posted.get(3).get("_idempotency"));
        assertThat(posted.get(1).get("_idempotency")).isEqualTo(posted.get(2).get("_idempotency"));
        assertThat(result.statusCallbacks()).hasSize(4);
    }

    @Test
    void forged_signatures_are_sent_as_given() {
        var caller = caller().build();
        var params = caller.voiceParameters("CA0123456789abcdef0123456789abcdef");

        assertThat(caller.postWithSignature("/webhooks/twilio/voice", params, Optional.of("forged=")).status()).isEqualTo(403);
        assertThat(caller.postWithSignature("/webhooks/twilio/voice", params, Optional.empty()).status()).isEqualTo(403);
        assertThat(caller.postVoiceWebhook(params).status()).isEqualTo(200);

        var relayUrl = "wss://public.example.test/webhooks/twilio/relay?tenant=acme";
        assertThat(caller.relayHandshakeStatus(relayUrl, "forged=")).isEqualTo(403);
        assertThat(caller.relayHandshakeStatus(relayUrl, null)).isEqualTo(403);
        assertThatThrownBy(() -> caller.openRelay(relayUrl, "forged=")).isInstanceOf(RelayHandshakeRejected.class)
                .extracting(e -> ((RelayHandshakeRejected) e).status()).isEqualTo(403);
        try (var relay = caller.openRelay(relayUrl)) {
            assertThat(relay.send("{\"type\":\"hello\"}")).isTrue();
        }
    }

    @Test
    void an_unreachable_server_fails_the_webhook_without_throwing() throws IOException {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        var result = VirtualCaller.builder("http://127.0.0.1:" + port).authToken(TOKEN).build().call(CallScript.builder().say("hi").build());

        assertThat(result.outcome()).isEqualTo(CallResult.Outcome.WEBHOOK_FAILED);
        assertThat(result.voiceWebhook().status()).isEqualTo(-1);
        assertThat(result.voiceWebhook().failure()).isPresent();
        assertThat(result.statusCallbacks()).isEmpty();
    }
}
