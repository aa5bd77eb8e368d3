package dev.switchboard.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.SalonCalendar;
import dev.switchboard.domain.modelcall.RealtimeVoiceModel;
import dev.switchboard.domain.modelcall.VoiceModelFailure;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import dev.switchboard.domain.modelcall.VoiceSession;
import dev.switchboard.domain.modelcall.VoiceSessionRequest;
import dev.switchboard.domain.tool.BookAppointmentTool;
import dev.switchboard.domain.tool.CheckAvailabilityTool;
import dev.switchboard.domain.tool.EndCallTool;
import dev.switchboard.domain.tool.Tool;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.testkit.audio.TestSignals;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The offline speech model against the platform's real booking tools on in-memory stores: the
 * salon of the domain's fixtures (Paris, open Tuesday to Saturday), on Monday 2 March 2026 at
 * 10:00. The caller's audio is made by the testkit, independently of audio-core. Its pacing clock
 * runs 20 times faster than real time, so a test takes a moment, not the length of the call.
 */
class OfflineVoiceModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String GREETING = "Hello, Salon Lumière, how can I help?";
    private final OfflineVoiceModel model = new OfflineVoiceModel(() -> System.nanoTime() * 20);

    @Test
    void serves_only_the_offline_provider() {
        assertThat(model.serves(RealtimeVoiceModel.OFFLINE)).isTrue();
        assertThat(model.serves("openai")).isFalse();
    }

    @Test
    void a_spoken_turn_is_answered_and_an_in_band_1_books_the_first_free_slot_through_the_tools() throws Exception {
        var salon = new SalonCalendar();
        var call = placeCall(salon);

        assertThat(call.events).containsExactly(
                "ready",
                "agent: " + GREETING,
                "caller started caller_1",
                "caller: [speech, 1.2 s]",
                "agent: I am the offline demo voice, so I cannot understand words yet. Press 1 to book the first free slot.",
                "caller started caller_2",
                "caller: [pressed 1]",
                // Monday is closed: the answer names the next open day, whose first free time is booked.
                "tool check_availability {date=2026-03-02}",
                "tool check_availability {date=2026-03-03}",
                "tool book_appointment {date=2026-03-03, time=09:00, client_name=Phone caller, service_type=appointment}",
                "tool end_call {reason=booked the first free slot}",
                "agent: You are booked for Tuesday 3 March at 09:00. Thank you for calling, goodbye.");
        assertThat(salon.appointments.list(salon.tenantId(), Instant.parse("2026-03-03T00:00:00Z"), Instant.parse("2026-03-04T00:00:00Z")))
                .singleElement().satisfies(a -> {
                    assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
                    assertThat(a.clientPhone()).isEqualTo("+33612345678");
                    assertThat(a.status()).isEqualTo(Appointment.Status.BOOKED);
                });
        // Audio comes as 20 ms frames, as long as the words (about a quarter of a second a word).
        assertThat(call.frameSizes).containsOnly(160);
        assertThat(call.audio.size() / 8).isGreaterThan(GREETING.split(" ").length * 150);
    }

    @Test
    void the_same_call_twice_says_and_sounds_the_same() throws Exception {
        var first = placeCall(new SalonCalendar());
        var second = placeCall(new SalonCalendar());
        assertThat(second.events).isEqualTo(first.events);
        assertThat(second.audio.toByteArray()).isEqualTo(first.audio.toByteArray());
    }

    @Test
    void speech_over_the_agent_stops_it_and_its_words_are_those_heard_so_far() {
        var salon = new SalonCalendar();
        var recorder = new Recorder(salon);
        // Real-time pacing: the caller speaks once part of the greeting is out.
        var session = new OfflineVoiceModel(System::nanoTime).open(request(salon), recorder);
        recorder.session = session;
        await().atMost(WAIT).until(() -> recorder.audioMillis() >= 400);
        send(session, TestSignals.speechLike(600, 0));
        send(session, TestSignals.silence(600));
        await().atMost(WAIT).until(() -> recorder.events.contains("caller: [speech, 0.6 s]"));
        assertThat(recorder.events.get(1)).isEqualTo("caller started caller_1");
        var cut = recorder.events.stream().filter(e -> e.startsWith("agent: ")).findFirst().orElseThrow();
        assertThat(GREETING).startsWith(cut.substring("agent: ".length()));
        assertThat(cut.length() - "agent: ".length()).isLessThan(GREETING.length());
        session.close();
    }

    @Test
    void twilio_s_dtmf_message_books_as_the_tone_does() {
        var salon = new SalonCalendar();
        var recorder = new Recorder(salon);
        var session = model.open(request(salon), recorder);
        recorder.session = session;
        session.keyPressed('1');
        session.keyPressed('1'); // the same press heard twice (message and tone) books once
        await().atMost(WAIT).until(() -> recorder.events.stream().anyMatch(e -> e.startsWith("agent: You are booked")));
        assertThat(recorder.events.stream().filter(e -> e.startsWith("tool book_appointment"))).hasSize(1);
        session.close();
    }

    @Test
    void the_voice_is_as_long_as_its_words_and_always_the_same() {
        var short_ = SyntheticVoice.render("Goodbye.");
        var long_ = SyntheticVoice.render("You are booked for Tuesday 3 March at 09:00. Thank you for calling, goodbye.");
        assertThat(long_.millis()).isGreaterThan(4 * short_.millis());
        assertThat(SyntheticVoice.render("Goodbye.").pcm()).isEqualTo(short_.pcm());
        assertThat(long_.wordsWithin(1)).isEqualTo("You");
        assertThat(long_.wordsWithin(long_.pcm().length)).isEqualTo(long_.text());
    }

    /** Greeting, a spoken turn, the prompt, the keypad tone of 1, the booking and the goodbye. */
    private Recorder placeCall(SalonCalendar salon) {
        var recorder = new Recorder(salon);
        var session = model.open(request(salon), recorder);
        recorder.session = session;
        await().atMost(WAIT).until(() -> recorder.events.contains("agent: " + GREETING));
        send(session, TestSignals.silence(400));
        send(session, TestSignals.speechLike(1200, 0));
        send(session, TestSignals.silence(600));
        await().atMost(WAIT).until(() -> recorder.events.stream().anyMatch(e -> e.contains("Press 1")));
        send(session, TestSignals.dtmf('1', 120, 0));
        send(session, TestSignals.silence(600));
        await().atMost(WAIT).until(() -> recorder.events.stream().anyMatch(e -> e.startsWith("agent: You are booked")));
        session.close();
        return recorder;
    }

    /** The caller's audio in 20 ms frames, as Twilio sends it. */
    private static void send(VoiceSession session, byte[] mulaw) {
        for (int i = 0; i < mulaw.length; i += 160) session.callerAudio(java.util.Arrays.copyOfRange(mulaw, i, Math.min(mulaw.length, i + 160)));
    }

    private static Map<String, Tool> tools(SalonCalendar salon) {
        return List.<Tool>of(new CheckAvailabilityTool(salon.checkAvailability), new BookAppointmentTool(salon.bookAppointment), new EndCallTool())
                .stream().collect(Collectors.toMap(t -> t.definition().name(), Function.identity()));
    }

    private static VoiceSessionRequest request(SalonCalendar salon) {
        return new VoiceSessionRequest(salon.tenantId(), "openai", "gpt-realtime", "marin", "en-US",
                "You answer the phone for Salon Lumière.\nCurrent local date and time: 2026-03-02T10:00 Europe/Paris",
                tools(salon).values().stream().map(Tool::definition).toList(), GREETING, 0.8);
    }

    /** What the session reported, in order; tool calls are answered by the real tools, off the session's thread. */
    private static final class Recorder implements VoiceModelListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Integer> frameSizes = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        private final Map<String, Tool> tools;
        private final ToolContext context;
        volatile VoiceSession session;

        Recorder(SalonCalendar salon) {
            this.tools = tools(salon);
            this.context = new ToolContext(salon.tenantId(), Fixtures.assistant(salon.tenantId(), "Reception"), null, "+33612345678");
        }

        synchronized long audioMillis() {
            return audio.size() / 8;
        }

        @Override public void ready(Map<String, Object> details) { events.add("ready"); }
        @Override public synchronized void agentAudio(String itemId, byte[] mulaw) {
            frameSizes.add(mulaw.length);
            audio.writeBytes(mulaw);
        }
        @Override public void agentSaid(String itemId, String text) { events.add("agent: " + text); }
        @Override public void callerStartedSpeaking(String itemId) { events.add("caller started " + itemId); }
        @Override public void callerSaid(String itemId, String text) { events.add("caller: " + text); }
        @Override public void toolCall(ToolCall call) {
            events.add("tool " + call.name() + " " + call.arguments());
            CompletableFuture.runAsync(() -> session.toolResult(call.id(), tools.get(call.name()).run(context, call.arguments()).forModel()));
        }
        @Override public void problem(String code, String message) { events.add("problem " + code); }
        @Override public void failed(VoiceModelFailure failure) { events.add("failed " + failure.kind()); }
    }
}
