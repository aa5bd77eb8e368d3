package dev.switchboard.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.audio.TestSignals;
import dev.switchboard.testkit.audio.ToneMeasure;
import dev.switchboard.testkit.caller.CallerAudio;
import dev.switchboard.testkit.realtime.FakeGeminiLive;
import dev.switchboard.testkit.realtime.GeminiScript;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whole stream calls on Gemini Live: the virtual caller plays Twilio Media Streams against the
 * running server, whose model is a scripted fake Gemini Live server (PCM16 16 kHz in, 24 kHz out)
 * and whose Twilio REST API is the testkit's fake, all on loopback. The tone tests measure what
 * audio-core's transcoding delivers at each end.
 */
@MicronautTest
class GeminiStreamCallE2eTest extends StreamCallStage {
    private final FakeGeminiLive geminiLive = fake(FakeGeminiLive.start());

    @Inject
    MeterRegistry meters;

    @Override
    Map<String, String> settings() {
        return Map.of("switchboard.gemini.live-url", geminiLive.url());
    }

    private StreamFixture salon(boolean withTransfer) {
        return salon("google", withTransfer);
    }

    @Test
    void a_gemini_live_call_books_through_check_availability_and_book_appointment() throws Exception {
        var salon = salon(true);
        var script = GeminiScript.builder();
        salon.haircutBooking(script::say, script::callerSays, script::callTool);
        geminiLive.script(salon.googleKey, script.build());
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);

        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), callSid)) {
            assertThat(call.handshakeStatus()).isEqualTo(101);
            // The agent said goodbye and asked to end: once its words played, the call is hung up through Twilio's REST API.
            await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
            assertThat(twilio.twimlOf(callSid)).contains("<Hangup");
            call.hangUp();
        }

        var gemini = geminiLive.sessions(salon.googleKey).get(0);
        assertThat(gemini.failure()).isNull();
        assertThat(gemini.setup().path("model").asText()).isEqualTo("models/gemini-live-2.5-flash-preview");
        assertThat(gemini.audioMimeTypes()).containsExactly("audio/pcm;rate=16000");
        assertThat(gemini.functionResponses()).hasSize(3)
                .allSatisfy(r -> assertThat(r.path("response").isObject()).isTrue());
        salon.assertHaircutBookedAndCallShown(WAIT);
        // Gemini's messages are timed like OpenAI's events, from read to handled (the server's own share of the delay).
        var fromModel = meters.get("switchboard.stream.forwarding").tag("direction", "model-to-caller").timer();
        assertThat(fromModel.count()).isPositive();
    }

    @Test
    void a_go_away_with_a_resumption_handle_reconnects_and_the_call_goes_on() throws Exception {
        var salon = salon(true);
        geminiLive.script(salon.googleKey, GeminiScript.builder()
                .say("Hello, Lumière salon.", Duration.ofMillis(300))
                .goAway("10s")
                .pause(Duration.ofSeconds(10))
                .build());
        // The session resumed on a new socket with the handle Gemini issued goes on where it was.
        geminiLive.resumedScript(salon.googleKey, GeminiScript.builder()
                .say("Still here. Goodbye!", Duration.ofMillis(300))
                .callTool("end_call", "{\"reason\":\"caller said goodbye\"}")
                .build());
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.silence(), callSid)) {
            await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
            call.hangUp();
        }
        // Ended by the agent's end_call, not by an apology and a transfer.
        assertThat(twilio.twimlOf(callSid)).contains("<Hangup").doesNotContain("technical trouble");
        var sessions = geminiLive.sessions(salon.googleKey);
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).resumedHandle()).isNull();
        assertThat(sessions.get(1).resumedHandle()).isNotNull().isEqualTo(sessions.get(0).issuedHandle());
        assertThat(sessions.get(1).failure()).isNull();
        await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("twilio.call.updated"));
        var detail = salon.onlyCall();
        assertThat(StreamFixture.eventTypes(detail)).containsSubsequence("model.ready", "model.resumed", "tool.called", "call.ending")
                .doesNotContain("model.failed", "call.handoff");
        assertThat(StreamFixture.transcript(detail)).containsExactly("agent: Hello, Lumière salon.", "agent: Still here. Goodbye!");
    }

    @Test
    void a_1_khz_caller_tone_reaches_gemini_as_16_khz_pcm_and_a_440_hz_model_tone_reaches_the_caller_as_8_khz_mulaw() throws Exception {
        var salon = salon(true);
        geminiLive.script(salon.googleKey, GeminiScript.builder()
                .say("Hello.", Duration.ofMillis(1000), 440)
                .pause(Duration.ofSeconds(20))
                .build());
        var callerTone = TestSignals.tone(1000, 1000, 0, 0.3);
        try (var call = salon.caller().dialStream(CallerAudio.of(callerTone), StreamFixture.callAtTwilio(twilio, salon.number))) {
            var gemini = geminiLive.awaitSession(salon.googleKey, WAIT);
            // The whole tone, and some silence after it, has reached the model; the model's whole tone has reached the phone.
            await().atMost(WAIT).until(() -> gemini.callerAudio().length >= 1_200 * 16);
            call.awaitAgentAudio(1000, WAIT);

            var heardByGemini = ToneMeasure.of(gemini.callerAudio(), 16_000);
            assertThat(heardByGemini.hz()).isCloseTo(1000, within(10.0));
            assertThat(heardByGemini.seconds()).isCloseTo(1.0, within(0.01));
            var heardByCaller = ToneMeasure.ofMulaw(call.agentAudio());
            assertThat(heardByCaller.hz()).isCloseTo(440, within(4.4));
            assertThat(heardByCaller.seconds()).isCloseTo(1.0, within(0.01));
            // Whole 20 ms frames only: what Twilio is sent is 160 bytes a message.
            assertThat(call.received("media")).allSatisfy(m ->
                    assertThat(java.util.Base64.getDecoder().decode(m.path("media").path("payload").asText())).hasSize(160));
        }
    }

    @Test
    void interrupted_clears_the_line_and_cuts_the_stored_message() throws Exception {
        var salon = salon(true);
        geminiLive.script(salon.googleKey, GeminiScript.builder()
                .startSaying("We are open from nine in the morning to seven in the evening every single day of the week", Duration.ofMillis(3000))
                .interrupt(Duration.ofMillis(800))
                .pause(Duration.ofSeconds(2))
                .build());
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), StreamFixture.callAtTwilio(twilio, salon.number))) {
            call.await(m -> "clear".equals(m.path("event").asText()), WAIT);
            await().atMost(WAIT).until(() -> StreamFixture.transcript(salon.onlyCall()).stream().anyMatch(t -> t.endsWith("(interrupted)")));
            var stored = StreamFixture.transcript(salon.onlyCall()).get(0);
            assertThat(stored).startsWith("agent: We are").endsWith("(interrupted)").doesNotContain("week");
            assertThat(StreamFixture.eventTypes(salon.onlyCall())).contains("agent.interrupted");
        }
    }

    @Test
    void a_refused_key_an_unreachable_model_and_a_model_that_closes_or_goes_away_mid_call_are_never_silence() throws Exception {
        List<Consumer<StreamFixture>> failures = List.of(
                salon -> { }, // no script for its key: Gemini closes on setup with "API key not valid"
                salon -> geminiLive.unreachable(salon.googleKey),
                salon -> geminiLive.script(salon.googleKey, GeminiScript.builder().say("Hello.", Duration.ofMillis(200))
                        .pause(Duration.ofMillis(300)).close(1011, "Internal error encountered.").build()),
                salon -> geminiLive.script(salon.googleKey, GeminiScript.builder().say("Hello.", Duration.ofMillis(200))
                        .goAway("10s").pause(Duration.ofSeconds(5)).build()));
        var reasons = List.of("refused", "unreachable", "errored", "closed");
        for (int i = 0; i < failures.size(); i++) {
            var salon = salon(true);
            failures.get(i).accept(salon);
            var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
            try (var call = salon.caller().dialStream(CallerAudio.speechLike(), callSid)) {
                await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
            }
            assertThat(twilio.twimlOf(callSid)).as(reasons.get(i)).contains("technical trouble").contains("<Dial").contains(StreamFixture.TRANSFER);
            // The fake holds the TwiML before it answers; the timeline says so once the answer is back.
            await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("twilio.call.updated"));
            var detail = salon.onlyCall();
            assertThat(StreamFixture.eventTypes(detail)).as(reasons.get(i))
                    .containsSubsequence("model.connecting", "model.failed", "call.handoff", "twilio.call.updated");
            @SuppressWarnings("unchecked")
            var failed = ((List<Map<String, Object>>) detail.get("timeline")).stream().filter(e -> "model.failed".equals(e.get("type")))
                    .findFirst().orElseThrow();
            assertThat(failed.toString()).as(reasons.get(i)).contains(reasons.get(i));
        }
    }
}
