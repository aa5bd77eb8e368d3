package dev.switchboard.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.CallVerdicts;
import dev.switchboard.testkit.caller.CallerAudio;
import dev.switchboard.testkit.caller.TwilioSignature;
import dev.switchboard.testkit.realtime.FakeOpenAiRealtime;
import dev.switchboard.testkit.realtime.RealtimeScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Whole stream calls: the virtual caller plays Twilio Media Streams (signed webhook, TwiML,
 * signed socket, μ-law frames in real time, marks echoed, status callbacks) against the running
 * server, whose model is a scripted fake OpenAI Realtime server and whose Twilio REST API is the
 * testkit's fake, all on loopback.
 */
@MicronautTest
class StreamCallE2eTest extends StreamCallStage {
    private final FakeOpenAiRealtime realtime = fake(FakeOpenAiRealtime.start());
    @Inject
    MeterRegistry meters;

    @Override
    Map<String, String> settings() {
        return Map.of("switchboard.openai.realtime-url", realtime.url(), "switchboard.calls.mark-wait", "1s");
    }

    @Test
    void an_openai_realtime_call_books_through_check_availability_and_book_appointment() throws Exception {
        var salon = salon("openai", true);
        var script = RealtimeScript.builder();
        salon.haircutBooking(script::say, script::callerSays, script::callTool);
        realtime.script(salon.openAiKey, script.build());
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);

        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), callSid)) {
            var connect = call.twiml().flatMap(t -> t.connect()).orElseThrow();
            assertThat(connect.streamUrl().orElseThrow()).startsWith("wss://switchboard.test/webhooks/twilio/stream/");
            assertThat(connect.streamParameters()).containsKeys("tenant", "call");
            assertThat(call.handshakeStatus()).isEqualTo(101);
            // The agent said goodbye and asked to end: once its words played, the call is hung up through Twilio's REST API.
            await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
            assertThat(twilio.twimlOf(callSid)).contains("<Hangup");
            call.hangUp();
        }

        var session = realtime.sessions(salon.openAiKey).get(0);
        assertThat(session.failure()).isNull();
        assertThat(session.toolOutputs()).hasSize(3);
        assertThat(session.received("session.update")).hasSize(1);
        salon.assertHaircutBookedAndCallShown(WAIT);
        // The server's own share of each frame's delay, both ways (scraped from /prometheus in production).
        for (var direction : List.of("caller-to-model", "model-to-caller")) {
            var forwarding = meters.get("switchboard.stream.forwarding").tag("direction", direction).timer();
            assertThat(forwarding.count()).as(direction).isPositive();
            assertThat(forwarding.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).as(direction).isPositive();
        }
    }

    @Test
    void a_barge_in_clears_the_line_truncates_at_the_heard_millis_and_cuts_the_stored_message() throws Exception {
        var salon = salon("openai", true);
        realtime.script(salon.openAiKey, RealtimeScript.builder()
                .say("We are open from nine in the morning to seven in the evening every single day of the week", Duration.ofMillis(3000))
                .speechStarted(Duration.ofMillis(800))
                .pause(Duration.ofSeconds(1))
                .build());
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), StreamFixture.callAtTwilio(twilio, salon.number))) {
            call.await(m -> "clear".equals(m.path("event").asText()), WAIT);
            var session = realtime.awaitSession(salon.openAiKey, WAIT);
            await().atMost(WAIT).until(() -> !session.received("conversation.item.truncate").isEmpty());
            var truncate = session.received("conversation.item.truncate").get(0);
            long heard = truncate.path("audio_end_ms").asLong();
            assertThat(heard).isBetween(20L, 2980L);
            assertThat(heard % 20).isZero();
            // What the caller heard before the clear is what the model is told was heard.
            assertThat((long) call.agentAudio().length / 8).isEqualTo(3000);
            await().atMost(WAIT).until(() -> StreamFixture.transcript(salon.onlyCall()).stream().anyMatch(t -> t.endsWith("(interrupted)")));
            var stored = StreamFixture.transcript(salon.onlyCall()).get(0);
            assertThat(stored).startsWith("agent: We are").endsWith("(interrupted)").doesNotContain("week");
        }
    }

    @Test
    void an_end_call_whose_marks_never_come_back_hangs_up_after_the_bounded_wait() throws Exception {
        var salon = salon("openai", true);
        realtime.script(salon.openAiKey, RealtimeScript.builder()
                .say("Thank you for calling, goodbye!", Duration.ofMillis(300))
                .callTool("end_call", "{\"reason\":\"caller said goodbye\"}")
                .build());
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.silence(), callSid)) {
            // The phone plays the goodbye but no mark ever comes back (lost, or a stream that stopped confirming).
            call.loseMarks();
            await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
            assertThat(twilio.twimlOf(callSid)).contains("<Hangup");
            assertThat(call.received("mark")).isNotEmpty();
            call.hangUp();
        }
        await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("twilio.call.updated"));
        assertThat(StreamFixture.eventTypes(salon.onlyCall())).containsSubsequence("tool.called", "marks.missing", "call.ending",
                "twilio.call.updated");
    }

    @Test
    void a_refused_key_means_an_apology_and_a_transfer_through_twilio() throws Exception {
        var salon = salon("openai", true);
        // No script for this tenant's key: the fake refuses the handshake with 401, as OpenAI does for a wrong key.
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), callSid)) {
            await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
        }
        assertThat(twilio.twimlOf(callSid)).contains("technical trouble").contains("<Dial").contains(StreamFixture.TRANSFER);
        await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("twilio.call.updated"));
        var events = StreamFixture.eventTypes(salon.onlyCall());
        assertThat(events).containsSubsequence("model.connecting", "model.failed", "call.handoff", "twilio.call.updated");
    }

    @Test
    void a_model_that_closes_mid_call_or_errors_is_never_silence_and_the_diagnosis_tells_the_two_apart() throws Exception {
        // Each script with the verdict its call gets: a closed session is its own verdict, an error is a model failure.
        for (var run : List.of(
                Map.entry(RealtimeScript.builder().say("Hello.", Duration.ofMillis(200)).pause(Duration.ofMillis(300)).close(1011, "internal error").build(),
                        "stream_model_closed"),
                Map.entry(RealtimeScript.builder().say("Hello.", Duration.ofMillis(200)).error("server_error", "server_error", "The server had an error").build(),
                        "model_failed"))) {
            var salon = salon("openai", true);
            realtime.script(salon.openAiKey, run.getKey());
            var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
            try (var call = salon.caller().dialStream(CallerAudio.speechLike(), callSid)) {
                await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
                assertThat(call.agentAudio()).isNotEmpty();
            }
            assertThat(twilio.twimlOf(callSid)).contains("technical trouble").contains(StreamFixture.TRANSFER);
            assertThat(StreamFixture.eventTypes(salon.onlyCall())).containsSubsequence("model.ready", "model.failed", "call.handoff");

            var callId = (String) StreamFixture.call(salon.onlyCall()).get("id");
            CallVerdicts.listedUnder(salon.owner, callId, run.getValue());
            var diagnosis = CallVerdicts.diagnosis(salon.owner, callId);
            assertThat(diagnosis).containsEntry("verdict", run.getValue()).containsEntry("stage", "model").containsEntry("problem", true);
            assertThat(CallVerdicts.evidenceTypes(diagnosis)).containsExactly("model.failed");
        }
    }

    @Test
    void an_unreachable_model_means_an_apology_and_a_transfer_through_twilio() throws Exception {
        var salon = salon("openai", true);
        // The fake drops the connection before answering the handshake, as a host that cannot be reached does.
        realtime.unreachable(salon.openAiKey);
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), callSid)) {
            await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
        }
        assertThat(twilio.twimlOf(callSid)).contains("technical trouble").contains("<Dial").contains(StreamFixture.TRANSFER);
        // The fake holds the TwiML before it answers; the timeline says so once the answer is back.
        await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("twilio.call.updated"));
        var detail = salon.onlyCall();
        assertThat(StreamFixture.eventTypes(detail)).containsSubsequence("model.connecting", "model.failed", "call.handoff", "twilio.call.updated");
        assertThat(((List<?>) detail.get("timeline")).stream().filter(e -> e.toString().contains("model.failed")).findFirst().orElseThrow()
                .toString()).contains("unreachable");
    }

    @Test
    void without_a_transfer_number_the_call_ends_politely() throws Exception {
        var salon = salon("openai", false);
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.silence(), callSid)) {
            await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
        }
        assertThat(twilio.twimlOf(callSid)).contains("call back later").contains("<Hangup").doesNotContain("<Dial");
    }

    @Test
    void forged_missing_and_respelled_handshakes_and_a_second_socket_are_refused() throws Exception {
        var salon = salon("openai", true);
        realtime.script(salon.openAiKey, RealtimeScript.builder().pause(Duration.ofSeconds(5)).build());
        try (var call = salon.caller().dialStream(CallerAudio.silence(), StreamFixture.callAtTwilio(twilio, salon.number))) {
            var url = call.twiml().flatMap(t -> t.connect()).flatMap(c -> c.streamUrl()).orElseThrow();
            var path = url.substring(StreamFixture.PUBLIC_URL.replace("https", "wss").length());
            var good = TwilioSignature.signHandshake(StreamFixture.AUTH_TOKEN, url);
            assertThat(handshake(path, null)).isEqualTo(403);
            assertThat(handshake(path, TwilioSignature.signHandshake("not-the-token", url))).isEqualTo(403);
            for (var respelled : List.of(path + "/", path.replace("/stream/", "/./stream/"), path.replace("/stream/", "//stream/"),
                    path.replace("/stream/", "/%73tream/")))
                assertThat(handshake(respelled, good)).as(respelled).isIn(403, 404);
            // The call's one stream is live: a second socket, even correctly signed, is refused.
            assertThat(handshake(path, good)).isEqualTo(403);
        }
    }

    @Test
    void a_socket_for_an_ended_call_is_refused() throws Exception {
        var salon = salon("openai", true);
        realtime.script(salon.openAiKey, RealtimeScript.builder().pause(Duration.ofSeconds(1)).build());
        String url;
        try (var call = salon.caller().dialStream(CallerAudio.silence(), StreamFixture.callAtTwilio(twilio, salon.number))) {
            url = call.twiml().flatMap(t -> t.connect()).flatMap(c -> c.streamUrl()).orElseThrow();
            assertThat(call.handshakeStatus()).isEqualTo(101);
        } // hung up: stop, the socket closed, and the status callbacks up to completed
        await().atMost(WAIT).until(() -> "completed".equals(StreamFixture.call(salon.onlyCall()).get("status")));
        var path = url.substring(StreamFixture.PUBLIC_URL.replace("https", "wss").length());
        // Correctly signed, for the right call, but the call is over: nothing may stream into it any more.
        assertThat(handshake(path, TwilioSignature.signHandshake(StreamFixture.AUTH_TOKEN, url))).isEqualTo(403);
    }

    private int handshake(String path, String signature) throws InterruptedException {
        var ws = "ws://localhost:" + server.getPort() + path;
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (signature != null) builder.header("X-Twilio-Signature", signature);
        try {
            builder.buildAsync(URI.create(ws), new WebSocket.Listener() {}).get().abort();
            return 101;
        } catch (ExecutionException e) {
            return e.getCause() instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
        }
    }
}
