package dev.switchboard.llm.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.switchboard.domain.connection.InMemoryConnectionRepository;
import dev.switchboard.domain.modelcall.VoiceModelFailure;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import dev.switchboard.domain.modelcall.VoiceSession;
import dev.switchboard.domain.modelcall.VoiceSessionRequest;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.llm.ApiKeys;
import dev.switchboard.llm.TestVault;
import dev.switchboard.testkit.audio.TestSignals;
import dev.switchboard.testkit.audio.ToneMeasure;
import dev.switchboard.testkit.realtime.FakeGeminiLive;
import dev.switchboard.testkit.realtime.GeminiScript;
import io.micronaut.json.JsonMapper;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Gemini Live session against the loopback fake: §12's messages both ways, the transcoding, and every way it can fail. */
class GeminiLiveModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final FakeGeminiLive fake = FakeGeminiLive.start();
    private final String key = "gemini-test-" + UUID.randomUUID();
    private final Recorder recorder = new Recorder();

    @AfterEach
    void stop() {
        fake.close();
    }

    private GeminiLiveModel model(String url, String platformKey) {
        // A generous setup deadline: on a loaded machine a cold JVM and fake can take seconds to answer setup.
        return new GeminiLiveModel(new GeminiLiveProperties(url, Duration.ofSeconds(15), platformKey),
                new ApiKeys(new InMemoryConnectionRepository(), new TestVault()), JsonMapper.createDefault(), "");
    }

    private static VoiceSessionRequest request() {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", Map.of("date", Map.of("type", "string", "description", "yyyy-MM-dd", "pattern", "^\\d{4}-\\d{2}-\\d{2}$")));
        schema.put("required", List.of("date"));
        schema.put("additionalProperties", false);
        return new VoiceSessionRequest(TenantId.random(), "google", "gemini-live-2.5-flash-preview", "Puck", "en-US", "You are Sam.",
                List.of(new ToolDefinition("check_availability", "Free slots on a day", schema),
                        new ToolDefinition("end_call", "Hang up", Map.of("type", "object", "properties", Map.of()))),
                null, 0.6);
    }

    private static byte[] tone(int hz, int frame) {
        return TestSignals.tone(hz, 20, frame * 160, 0.3);
    }

    /** As for OpenAI Realtime: a socket that opens after its call ended is closed at once, with no setup sent. */
    @Test
    void a_socket_that_opens_after_its_call_ended_is_closed_at_once() throws Exception {
        fake.script(key, GeminiScript.builder().pause(Duration.ofSeconds(5)).build());
        fake.holdHandshakes();
        var session = model(fake.url(), key).open(request(), recorder);
        session.close();
        fake.answerHandshakes();

        var gemini = fake.awaitSession(key, WAIT);
        await().atMost(WAIT).until(gemini::closed);
        assertThat(gemini.received()).isEmpty();
    }

    @Test
    void sets_up_the_session_and_sends_the_audio_that_arrived_before_setup_complete_in_order_as_16_khz_pcm() throws Exception {
        fake.script(key, GeminiScript.builder().pause(Duration.ofSeconds(2)).build());
        var session = model(fake.url(), key).open(request(), recorder);
        // Sent before the socket is even open: transcoded, held, then sent in order, not dropped.
        var expected = new ByteArrayOutputStream();
        var reference = new UplinkAudio();
        for (int i = 0; i < 50; i++) {
            session.callerAudio(tone(1000, i));
            reference.write(tone(1000, i), expected::writeBytes);
        }
        var gemini = fake.awaitSession(key, WAIT);
        await().atMost(WAIT).until(() -> gemini.callerAudio().length == 50 * 320);

        assertThat(gemini.header("x-goog-api-key")).isEqualTo(key);
        assertThat(gemini.uri()).doesNotContain(key);
        assertThat(gemini.audioMimeTypes()).containsExactly("audio/pcm;rate=16000");
        var setup = gemini.setup();
        assertThat(setup.path("model").asText()).isEqualTo("models/gemini-live-2.5-flash-preview");
        assertThat(setup.path("generationConfig").path("responseModalities").toString()).isEqualTo("[\"AUDIO\"]");
        assertThat(setup.path("generationConfig").path("speechConfig").path("voiceConfig").path("prebuiltVoiceConfig").path("voiceName").asText())
                .isEqualTo("Puck");
        assertThat(setup.path("systemInstruction").path("parts").get(0).path("text").asText()).isEqualTo("You are Sam.");
        assertThat(setup.path("inputAudioTranscription").isObject()).isTrue();
        assertThat(setup.path("outputAudioTranscription").isObject()).isTrue();
        assertThat(setup.path("tools")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree("[{\"functionDeclarations\":["
                + "{\"name\":\"check_availability\",\"description\":\"Free slots on a day\",\"parameters\":{\"type\":\"OBJECT\","
                + "\"properties\":{\"date\":{\"type\":\"STRING\",\"description\":\"yyyy-MM-dd\",\"pattern\":\"^\\\\d{4}-\\\\d{2}-\\\\d{2}$\"}},"
                + "\"required\":[\"date\"]}},"
                + "{\"name\":\"end_call\",\"description\":\"Hang up\"}]}]"));
        assertThat(gemini.received().get(0).has("setup")).isTrue();
        var pcm = gemini.callerAudio();
        var bytes = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        assertThat(bytes).isEqualTo(expected.toByteArray());
        var measured = ToneMeasure.of(pcm, 16_000);
        assertThat(measured.hz()).isCloseTo(1000, within(10.0));
        session.close();
    }

    @Test
    void plays_the_model_audio_as_8_khz_mulaw_and_reports_transcripts_and_tool_calls_and_answers_them() throws Exception {
        fake.script(key, GeminiScript.builder()
                .say("Hello, Salon Lumière.", Duration.ofMillis(1000))
                .callerSays("A haircut tomorrow.", Duration.ofMillis(100))
                .callTool("check_availability", "{\"date\":\"2026-03-03\"}")
                .say("Ten is free.", Duration.ofMillis(200))
                .build());
        var session = model(fake.url(), key).open(request(), recorder);
        recorder.session = session;
        var feeder = feed(session);
        var gemini = fake.awaitSession(key, WAIT);
        await().atMost(WAIT).until(() -> recorder.said.size() == 2 || !recorder.failures.isEmpty() || gemini.failure() != null);
        feeder.interrupt();
        assertThat(recorder.failures).as("events %s, fake %s", recorder.events, gemini.failure()).isEmpty();
        assertThat(gemini.failure()).as("events %s", recorder.events).isNull();

        assertThat(recorder.events).containsExactly("ready", "said turn-1: Hello, Salon Lumière.", "caller caller-1: A haircut tomorrow.",
                "tool check_availability", "said turn-2: Ten is free.");
        var first = recorder.audio("turn-1");
        assertThat(first.length % 160).isZero();
        var tone = ToneMeasure.ofMulaw(first);
        assertThat(tone.hz()).isCloseTo(440, within(4.4));
        assertThat(tone.seconds()).isCloseTo(1.0, within(0.01));
        assertThat(recorder.tools).singleElement().satisfies(c -> assertThat(c.arguments()).containsEntry("date", "2026-03-03"));
        var answer = gemini.functionResponses().get(0);
        assertThat(answer.path("id").asText()).isEqualTo(recorder.tools.get(0).id()).startsWith("fc_");
        assertThat(answer.path("name").asText()).isEqualTo("check_availability");
        assertThat(answer.path("response").toString()).isEqualTo("{\"output\":\"Slots: 10:00\"}");
        assertThat(gemini.failure()).isNull();
        session.close();
    }

    @Test
    void runs_its_socket_on_the_callers_event_loop_and_hands_a_failure_off_that_loop() throws Exception {
        // The caller line's event loop (a Netty loop, as the Twilio socket's is): the model's audio is transcoded and
        // heard there, with no hop to another thread; before, every Gemini socket ran on the JDK client's own threads.
        var callers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            var loop = callers.next();
            var loopThread = loop.submit(Thread::currentThread).get();
            fake.script(key, GeminiScript.builder().say("Hello.", Duration.ofMillis(200)).close(1011, "Internal error encountered.").build());
            var r = request();
            var onLoop = new VoiceSessionRequest(r.tenant(), r.provider(), r.model(), r.voice(), r.language(), r.instructions(),
                    r.tools(), r.firstMessage(), r.temperature(), Optional.of(loop));
            recorder.session = model(fake.url(), key).open(onLoop, recorder);
            await().atMost(WAIT).until(() -> !recorder.failures.isEmpty());
            assertThat(recorder.audioOn).isNotEmpty().allMatch(t -> t == loopThread);
            // Handing the call on is a blocking request to Twilio: never on the loop that carries other calls' audio.
            assertThat(recorder.failedOn).singleElement().satisfies(t -> assertThat(t).isNotSameAs(loopThread));
            assertThat(recorder.failures.get(0).kind()).isEqualTo(VoiceModelFailure.Kind.ERRORED);
        } finally {
            callers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void interrupted_is_a_barge_in_and_the_words_so_far_are_the_agent_message() throws Exception {
        fake.script(key, GeminiScript.builder()
                .startSaying("We are open from nine to seven every day", Duration.ofMillis(2000))
                .interrupt(Duration.ofMillis(200))
                .pause(Duration.ofSeconds(1))
                .build());
        var session = model(fake.url(), key).open(request(), recorder);
        var feeder = feed(session);
        await().atMost(WAIT).until(() -> recorder.events.stream().anyMatch(e -> e.startsWith("said")));
        feeder.interrupt();
        assertThat(recorder.events).containsExactly("ready", "caller started caller-1", "said turn-1: We are open from nine to seven every day");
        session.close();
    }

    @Test
    void a_refused_key_an_unreachable_server_no_key_a_close_an_error_and_go_away_are_failures() throws Exception {
        model(fake.url(), "not-a-key").open(request(), recorder);
        await().atMost(WAIT).until(() -> !recorder.failures.isEmpty());
        assertThat(recorder.failures.get(0).kind()).isEqualTo(VoiceModelFailure.Kind.REFUSED);
        assertThat(recorder.failures.get(0).detail()).contains("API key not valid").doesNotContain("not-a-key");

        var dropping = new Recorder();
        fake.unreachable(key + "-drop");
        model(fake.url(), key + "-drop").open(request(), dropping);
        await().atMost(WAIT).until(() -> !dropping.failures.isEmpty());
        assertThat(dropping.failures.get(0).kind()).isEqualTo(VoiceModelFailure.Kind.UNREACHABLE);

        var closedPort = new Recorder();
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        model("ws://127.0.0.1:" + port + FakeGeminiLive.PATH, key).open(request(), closedPort);
        await().atMost(WAIT).until(() -> !closedPort.failures.isEmpty());
        assertThat(closedPort.failures.get(0).kind()).isEqualTo(VoiceModelFailure.Kind.UNREACHABLE);

        var noKey = new Recorder();
        model(fake.url(), "").open(request(), noKey);
        assertThat(noKey.failures).singleElement().extracting(VoiceModelFailure::kind).isEqualTo(VoiceModelFailure.Kind.NO_KEY);

        for (var ending : List.of(
                new Object[] {GeminiScript.builder().say("Hello.", Duration.ofMillis(100)).close(1011, "Internal error encountered.").build(),
                        VoiceModelFailure.Kind.ERRORED, "1011"},
                new Object[] {GeminiScript.builder().say("Hello.", Duration.ofMillis(100)).close(1000, "").build(), VoiceModelFailure.Kind.CLOSED, "1000"},
                new Object[] {GeminiScript.builder().say("Hello.", Duration.ofMillis(100)).goAway("10s").pause(Duration.ofSeconds(2)).build(),
                        VoiceModelFailure.Kind.CLOSED, "goAway"})) {
            var scriptKey = key + "-" + ending[2];
            fake.script(scriptKey, (GeminiScript) ending[0]);
            var ended = new Recorder();
            model(fake.url(), scriptKey).open(request(), ended);
            await().atMost(WAIT).until(() -> !ended.failures.isEmpty());
            assertThat(ended.failures.get(0).kind()).as(ending[2].toString()).isEqualTo(ending[1]);
            assertThat(ended.failures.get(0).detail()).contains(ending[2].toString());
            assertThat(ended.events).startsWith("ready");
        }
    }

    private static Thread feed(VoiceSession session) {
        var feeder = new Thread(() -> {
            for (int i = 0; i < 500 && !Thread.currentThread().isInterrupted(); i++) {
                session.callerAudio(TestSignals.silence(20));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        feeder.setDaemon(true);
        feeder.start();
        return feeder;
    }

    private static final class Recorder implements VoiceModelListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final Map<String, ByteArrayOutputStream> audio = new LinkedHashMap<>();
        final List<String> said = new CopyOnWriteArrayList<>();
        final List<ToolCall> tools = new CopyOnWriteArrayList<>();
        final List<VoiceModelFailure> failures = new CopyOnWriteArrayList<>();
        volatile VoiceSession session;

        synchronized byte[] audio(String item) {
            return audio.getOrDefault(item, new ByteArrayOutputStream()).toByteArray();
        }

        @Override public void ready(Map<String, Object> details) { events.add("ready"); }
        final List<Thread> audioOn = new CopyOnWriteArrayList<>();
        final List<Thread> failedOn = new CopyOnWriteArrayList<>();
        @Override public synchronized void agentAudio(String itemId, byte[] mulaw) {
            audioOn.add(Thread.currentThread());
            assertThat(mulaw).hasSize(160);
            audio.computeIfAbsent(itemId, i -> new ByteArrayOutputStream()).writeBytes(mulaw);
        }
        @Override public void agentSaid(String itemId, String text) {
            said.add(text);
            events.add("said " + itemId + ": " + text);
        }
        @Override public void callerStartedSpeaking(String itemId) { events.add("caller started " + itemId); }
        @Override public void callerSaid(String itemId, String text) { events.add("caller " + itemId + ": " + text); }
        @Override public void toolCall(ToolCall call) {
            tools.add(call);
            events.add("tool " + call.name());
            session.toolResult(call.id(), "Slots: 10:00");
        }
        @Override public void problem(String code, String message) { events.add("problem " + code); }
        @Override public void failed(VoiceModelFailure failure) {
            failedOn.add(Thread.currentThread());
            failures.add(failure);
        }
    }
}
