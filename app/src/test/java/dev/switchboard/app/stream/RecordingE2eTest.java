package dev.switchboard.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.audio.MuLaw;
import dev.switchboard.testkit.caller.CallerAudio;
import dev.switchboard.testkit.caller.StreamCall;
import dev.switchboard.testkit.realtime.FakeOpenAiRealtime;
import dev.switchboard.testkit.realtime.RealtimeScript;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recorded stream calls, end to end: the virtual caller sends known μ-law in real time with
 * Twilio's timestamps, the fake Realtime server speaks, and the WAV served at
 * {@code GET /api/v1/calls/{id}/recording} is compared sample for sample with what was sent and
 * what was played.
 */
@MicronautTest
class RecordingE2eTest extends StreamCallStage {
    private static final Path RECORDINGS;

    static {
        try {
            RECORDINGS = Files.createTempDirectory("switchboard-recordings");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FakeOpenAiRealtime realtime = fake(FakeOpenAiRealtime.start());

    @Override
    Map<String, String> settings() {
        return Map.of("switchboard.openai.realtime-url", realtime.url(), "switchboard.recordings.dir", RECORDINGS.toString());
    }

    @Test
    void the_wav_holds_the_callers_mulaw_sample_for_sample_on_the_left_and_the_agent_where_it_played_on_the_right() throws Exception {
        var salon = recordingSalon(true);
        realtime.script(salon.openAiKey, RealtimeScript.builder()
                .say("Hello, Lumière salon.", Duration.ofMillis(400), 440)
                .pause(Duration.ofSeconds(20))
                .build());
        byte[] sent;
        byte[] agent;
        byte[] heard;
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), StreamFixture.callAtTwilio(twilio, salon.number))) {
            call.awaitAgentAudio(400, WAIT);
            // Let the greeting play out on the phone, and a little more of the caller after it.
            await().atMost(WAIT).until(() -> played(call) >= 0 && call.heard().length > played(call) + 400 * 8 + 1600);
            call.hangUp();
            sent = call.sent();
            agent = call.agentAudio();
            heard = call.heard();
        }
        var wav = recordingOf(salon);

        assertThat(Arrays.copyOf(wav, 44)).isEqualTo(header(sent.length));
        var channels = channels(wav);
        assertThat(channels[0]).as("caller channel").isEqualTo(decoded(sent));
        // The agent's audio, whole, unchanged and in order, and nothing else. (Not one block: when caller frames
        // reach the server in a burst between two pieces of agent audio, the stream's clock has passed the end of
        // the first when the second is sent, and the recording places it there: StereoTimelineTest pins that down.)
        var agentSamples = decoded(agent);
        assertThat(nonZero(channels[1])).as("agent channel without its silences").isEqualTo(nonZero(agentSamples));
        // Placed on the stream's clock as the server knew it when it sent the audio: never after the phone played it.
        int start = firstNonZero(channels[1]) - firstNonZero(agentSamples);
        assertThat(start).isBetween(0, firstNonZero(decoded(heard)) - firstNonZero(agentSamples));
        assertThat(StreamFixture.eventTypes(salon.onlyCall())).contains("recording.saved");
    }

    @Test
    void after_a_clear_the_agent_channel_holds_only_what_played_before_it() throws Exception {
        var salon = recordingSalon(true);
        realtime.script(salon.openAiKey, RealtimeScript.builder()
                .say("We are open from nine in the morning to seven in the evening every single day of the week", Duration.ofMillis(3000), 440)
                .speechStarted(Duration.ofMillis(800))
                .pause(Duration.ofSeconds(20))
                .build());
        byte[] sent;
        byte[] agent;
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), StreamFixture.callAtTwilio(twilio, salon.number))) {
            call.await(m -> "clear".equals(m.path("event").asText()), WAIT);
            int afterClear = call.sent().length;
            await().atMost(WAIT).until(() -> call.sent().length > afterClear + 1600);
            call.hangUp();
            sent = call.sent();
            agent = call.agentAudio();
        }
        var channels = channels(recordingOf(salon));

        assertThat(channels[0]).isEqualTo(decoded(sent));
        // What played before the clear is the start of the agent's audio, unchanged; after it, nothing.
        var whole = nonZero(decoded(agent));
        var recorded = nonZero(channels[1]);
        assertThat(recorded.length).as("agent samples played before the clear").isPositive().isLessThan(whole.length);
        assertThat(recorded).isEqualTo(Arrays.copyOf(whole, recorded.length));
    }

    @Test
    void a_call_of_an_assistant_that_does_not_record_has_no_recording() throws Exception {
        var salon = recordingSalon(false);
        realtime.script(salon.openAiKey, RealtimeScript.builder().say("Hello.", Duration.ofMillis(200)).pause(Duration.ofSeconds(20)).build());
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), StreamFixture.callAtTwilio(twilio, salon.number))) {
            call.awaitAgentAudio(200, WAIT);
            call.hangUp();
        }
        await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("stream.socket.closed"));
        var id = StreamFixture.call(salon.onlyCall()).get("id");
        var answer = salon.owner.get("/api/v1/calls/" + id + "/recording");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(StreamFixture.eventTypes(salon.onlyCall())).doesNotContain("recording.saved", "recording.failed");
    }

    /** A stream salon whose assistant records (or not). */
    @SuppressWarnings("unchecked")
    private StreamFixture recordingSalon(boolean recording) {
        var salon = salon("openai", true);
        var assistant = new HashMap<>(salon.owner.get("/api/v1/assistants").list().get(0));
        var id = assistant.remove("id");
        assistant.remove("createdAt");
        assistant.remove("updatedAt");
        assistant.remove("warnings");
        assistant.put("recording", recording);
        var saved = salon.owner.put("/api/v1/assistants/" + id, assistant);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        return salon;
    }

    /** The call's WAV, once the server has saved it (on the timeline). */
    private byte[] recordingOf(StreamFixture salon) throws Exception {
        await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("recording.saved"));
        var id = StreamFixture.call(salon.onlyCall()).get("id");
        var download = salon.owner.download("/api/v1/calls/" + id + "/recording");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("audio/wav");
        return download.body();
    }

    /** Index in the phone's playback where the agent's audio began, or -1 before it has. */
    private static int played(StreamCall call) {
        int first = firstNonZero(decoded(call.heard()));
        return first < 0 ? -1 : first;
    }

    /** The 44-byte header of a stereo 8 kHz PCM16 WAV of {@code frames} frames. */
    private static byte[] header(int frames) {
        var h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(8000).putInt(32000)
                .putShort((short) 4).putShort((short) 16)
                .put("data".getBytes()).putInt(frames * 4);
        return h.array();
    }

    private static short[][] channels(byte[] wav) {
        var data = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        int frames = (wav.length - 44) / 4;
        var out = new short[2][frames];
        for (int i = 0; i < frames; i++) {
            out[0][i] = data.getShort();
            out[1][i] = data.getShort();
        }
        return out;
    }

    private static short[] decoded(byte[] mulaw) {
        var out = new short[mulaw.length];
        MuLaw.decode(mulaw, 0, out, 0, mulaw.length);
        return out;
    }

    /** The samples that are not silence, in order (a tone's exact zero crossings go too, on both sides). */
    private static short[] nonZero(short[] samples) {
        var out = new short[samples.length];
        int n = 0;
        for (var sample : samples) if (sample != 0) out[n++] = sample;
        return Arrays.copyOf(out, n);
    }

    private static int firstNonZero(short[] samples) {
        for (int i = 0; i < samples.length; i++) if (samples[i] != 0) return i;
        return -1;
    }

}
