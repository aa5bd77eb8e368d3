package dev.switchboard.llm.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.switchboard.llm.config.OpenAiProperties;
import dev.switchboard.testkit.realtime.FakeOpenAiRealtime;
import dev.switchboard.testkit.realtime.RealtimeScript;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Realtime session against the loopback fake: the GA wire format both ways, and every way it can fail. */
class OpenAiRealtimeModelTest {
    private final FakeOpenAiRealtime fake = FakeOpenAiRealtime.start();
    private final String key = "sk-test-" + UUID.randomUUID();
    private final Recorder recorder = new Recorder();

    @AfterEach
    void stop() {
        fake.close();
    }

    private OpenAiRealtimeModel model(String url, String platformKey) {
        return new OpenAiRealtimeModel(new RealtimeProperties(url, Duration.ofSeconds(5), null),
                new OpenAiProperties(platformKey, "http://unused"), new ApiKeys(new InMemoryConnectionRepository(), new TestVault()),
                JsonMapper.createDefault(), "");
    }

    private static VoiceSessionRequest request() {
        return new VoiceSessionRequest(TenantId.random(), "openai", "gpt-realtime", "marin", "en-US", "You are Sam.",
                List.of(new ToolDefinition("check_availability", "Free slots on a day",
                        Map.of("type", "object", "properties", Map.of("date", Map.of("type", "string")), "required", List.of("date")))),
                null, 0.6);
    }

    @Test
    void configures_the_ga_session_and_sends_the_audio_that_arrived_before_it_in_order() throws Exception {
        fake.script(key, RealtimeScript.builder().pause(Duration.ofMillis(200)).build());
        var session = model(fake.url(), key).open(request(), recorder);
        // Sent before the socket is even open: buffered, not dropped.
        var early = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            var frame = new byte[160];
            java.util.Arrays.fill(frame, (byte) i);
            early.writeBytes(frame);
            session.callerAudio(frame);
        }
        var fakeSession = fake.awaitSession(key, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> fakeSession.callerAudio().length == 800);

        assertThat(fakeSession.uri()).isEqualTo("/v1/realtime?model=gpt-realtime");
        assertThat(fakeSession.header("Authorization")).isEqualTo("Bearer " + key);
        assertThat(fakeSession.header("OpenAI-Beta")).isNull();
        var events = fakeSession.received();
        assertThat(events.get(0).path("type").asText()).isEqualTo("session.update");
        JsonNode s = events.get(0).path("session");
        assertThat(s.path("type").asText()).isEqualTo("realtime");
        assertThat(s.path("audio").path("input").path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(s.path("audio").path("output").path("format").path("type").asText()).isEqualTo("audio/pcmu");
        assertThat(s.path("audio").path("output").path("voice").asText()).isEqualTo("marin");
        assertThat(s.path("audio").path("input").path("turn_detection").path("type").asText()).isEqualTo("server_vad");
        assertThat(s.path("audio").path("input").path("turn_detection").path("interrupt_response").asBoolean()).isTrue();
        assertThat(s.path("audio").path("input").path("transcription").path("model").asText()).isEqualTo("whisper-1");
        assertThat(s.path("tools").get(0).path("name").asText()).isEqualTo("check_availability");
        assertThat(s.path("instructions").asText()).isEqualTo("You are Sam.");
        assertThat(fakeSession.callerAudio()).isEqualTo(early.toByteArray());
        session.close();
    }

    /**
     * Under load a model's socket may open after its call has ended (issue 10's curve: sessions
     * left open at the fake after every call hung up). The session closed while connecting must
     * close its socket once it opens, and configure nothing.
     */
    @Test
    void a_socket_that_opens_after_its_call_ended_is_closed_at_once() throws Exception {
        fake.script(key, RealtimeScript.builder().pause(Duration.ofSeconds(5)).build());
        fake.holdHandshakes();
        var session = model(fake.url(), key).open(request(), recorder);
        session.close();
        fake.answerHandshakes();

        var fakeSession = fake.awaitSession(key, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(fakeSession::closed);
        assertThat(fakeSession.received()).isEmpty();
    }

    @Test
    void reports_audio_transcripts_barge_in_and_tool_calls_and_answers_them() throws Exception {
        fake.script(key, RealtimeScript.builder()
                .say("Hello, Salon Lumière.", Duration.ofMillis(400))
                .callerSays("A haircut tomorrow.", Duration.ofMillis(100))
                .callTool("check_availability", "{\"date\":\"2026-03-03\"}")
                .say("Ten is free.", Duration.ofMillis(200))
                .build());
        var session = model(fake.url(), key).open(request(), recorder);
        recorder.session = session;
        // Caller audio goes on until the test ends: on a loaded machine the script may reach its caller turn only
        // after the first seconds of audio have all arrived, and then waits for more.
        var feeder = new Thread(() -> {
            for (int i = 0; i < 1500 && !Thread.currentThread().isInterrupted(); i++) {
                session.callerAudio(new byte[160]);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        feeder.start();
        var fakeSession = fake.awaitSession(key, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.said.size() == 2);
        feeder.interrupt();

        assertThat(recorder.audio.size()).isEqualTo(600 * 8);
        assertThat(recorder.said).containsExactly("Hello, Salon Lumière.", "Ten is free.");
        assertThat(recorder.callerSaid).containsExactly("A haircut tomorrow.");
        assertThat(recorder.tools).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("check_availability");
            assertThat(c.arguments()).containsEntry("date", "2026-03-03");
        });
        assertThat(fakeSession.toolOutputs()).containsExactly("Slots: 10:00");
        assertThat(fakeSession.failure()).isNull();

        session.agentCutAt("item_x", 120);
        await().atMost(Duration.ofSeconds(5)).until(() -> !fakeSession.received("conversation.item.truncate").isEmpty());
        var truncate = fakeSession.received("conversation.item.truncate").get(0);
        assertThat(truncate.path("item_id").asText()).isEqualTo("item_x");
        assertThat(truncate.path("content_index").asInt()).isZero();
        assertThat(truncate.path("audio_end_ms").asLong()).isEqualTo(120);
        session.close();
    }

    @Test
    void a_refused_key_an_unreachable_server_an_error_and_a_close_mid_call_are_failures() throws Exception {
        model(fake.url(), "sk-unknown").open(request(), recorder);
        await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.failures.isEmpty());
        assertThat(recorder.failures.get(0).kind()).isEqualTo(VoiceModelFailure.Kind.REFUSED);

        var unreachable = new Recorder();
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        model("ws://127.0.0.1:" + closedPort + "/v1/realtime", key).open(request(), unreachable);
        await().atMost(Duration.ofSeconds(10)).until(() -> !unreachable.failures.isEmpty());
        assertThat(unreachable.failures.get(0).kind()).isEqualTo(VoiceModelFailure.Kind.UNREACHABLE);

        var noKey = new Recorder();
        model(fake.url(), "").open(request(), noKey);
        assertThat(noKey.failures).singleElement().extracting(VoiceModelFailure::kind).isEqualTo(VoiceModelFailure.Kind.NO_KEY);

        var erroringKey = key + "-error";
        fake.script(erroringKey, RealtimeScript.builder().error("server_error", "server_error", "The server had an error").build());
        var erroring = new Recorder();
        model(fake.url(), erroringKey).open(request(), erroring);
        await().atMost(Duration.ofSeconds(10)).until(() -> !erroring.failures.isEmpty());
        assertThat(erroring.failures.get(0).kind()).isEqualTo(VoiceModelFailure.Kind.ERRORED);

        var closingKey = key + "-close";
        fake.script(closingKey, RealtimeScript.builder().say("Hello.", Duration.ofMillis(100)).close(1011, "internal error").build());
        var closing = new Recorder();
        model(fake.url(), closingKey).open(request(), closing);
        await().atMost(Duration.ofSeconds(10)).until(() -> !closing.failures.isEmpty());
        assertThat(closing.failures.get(0).kind()).isEqualTo(VoiceModelFailure.Kind.CLOSED);
        assertThat(closing.failures.get(0).detail()).contains("1011");
    }

    @Test
    void a_failure_the_socket_reports_reaches_the_listener_off_the_sockets_thread() throws Exception {
        // The listener hands the call off through Twilio's REST API: on the socket's event loop that
        // would stall every other call's audio on it.
        var closingKey = key + "-close";
        fake.script(closingKey, RealtimeScript.builder().say("Hello.", Duration.ofMillis(100)).close(1011, "internal error").build());
        var closing = new Recorder();
        model(fake.url(), closingKey).open(request(), closing);
        await().atMost(Duration.ofSeconds(10)).until(() -> !closing.failures.isEmpty());
        assertThat(closing.failedOn).singleElement().asString().startsWith("realtime-failure-");
    }

    @Test
    void runs_its_socket_on_the_callers_event_loop_when_given_one_and_on_its_own_otherwise() throws Exception {
        // The caller line's event loop (a Netty loop, as the Twilio socket's is): the model's audio is heard there,
        // with no hop to another thread.
        var callers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            var loop = callers.next();
            var loopThread = loop.submit(Thread::currentThread).get();
            fake.script(key, RealtimeScript.builder().say("Hello.", Duration.ofMillis(200)).build());
            var r = request();
            var onLoop = new VoiceSessionRequest(r.tenant(), r.provider(), r.model(), r.voice(), r.language(), r.instructions(),
                    r.tools(), r.firstMessage(), r.temperature(), Optional.of(loop));
            model(fake.url(), key).open(onLoop, recorder);
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.audio.size() >= 1600);
            assertThat(recorder.audioOn).isNotEmpty().allMatch(t -> t == loopThread);

            var otherKey = key + "-own";
            fake.script(otherKey, RealtimeScript.builder().say("Hello.", Duration.ofMillis(200)).build());
            var own = new Recorder();
            model(fake.url(), otherKey).open(request(), own);
            await().atMost(Duration.ofSeconds(10)).until(() -> own.audio.size() >= 1600);
            assertThat(own.audioOn).isNotEmpty().allMatch(t -> t.getName().startsWith("realtime-socket-"));
        } finally {
            callers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static final class Recorder implements VoiceModelListener {
        final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        final List<String> said = new CopyOnWriteArrayList<>();
        final List<String> callerSaid = new CopyOnWriteArrayList<>();
        final List<ToolCall> tools = new CopyOnWriteArrayList<>();
        final List<VoiceModelFailure> failures = new CopyOnWriteArrayList<>();
        final List<String> started = new ArrayList<>();
        volatile VoiceSession session;

        @Override public void ready(Map<String, Object> details) { }
        final List<Thread> audioOn = new CopyOnWriteArrayList<>();
        @Override public synchronized void agentAudio(String itemId, byte[] mulaw) {
            audioOn.add(Thread.currentThread());
            audio.writeBytes(mulaw);
        }
        @Override public void agentSaid(String itemId, String text) { said.add(text); }
        @Override public synchronized void callerStartedSpeaking(String itemId) { started.add(itemId); }
        @Override public void callerSaid(String itemId, String text) { callerSaid.add(text); }
        @Override public void toolCall(ToolCall call) {
            tools.add(call);
            session.toolResult(call.id(), "Slots: 10:00");
        }
        @Override public void problem(String code, String message) { }
        final List<String> failedOn = new CopyOnWriteArrayList<>();
        @Override public void failed(VoiceModelFailure failure) {
            failedOn.add(Thread.currentThread().getName());
            failures.add(failure);
        }
    }
}
