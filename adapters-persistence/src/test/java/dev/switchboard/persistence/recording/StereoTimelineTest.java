package dev.switchboard.persistence.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.audio.MuLaw;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The mixing and alignment of a recording, without files or sockets: whole timelines compared. */
class StereoTimelineTest {
    private short[] left = new short[0];
    private short[] right = new short[0];
    private final StereoTimeline timeline = new StereoTimeline(this::append, 80_000, 16_000);

    private void append(short[] l, short[] r, int n) {
        int at = left.length;
        left = Arrays.copyOf(left, at + n);
        right = Arrays.copyOf(right, at + n);
        System.arraycopy(l, 0, left, at, n);
        System.arraycopy(r, 0, right, at, n);
    }

    /** μ-law bytes whose decoded samples are all different from zero and from each other's neighbours. */
    private static byte[] mulaw(int length, int seed) {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (0x10 + (i * 7 + seed) % 0x60);
        return bytes;
    }

    private static short[] decoded(byte[] mulaw) {
        var out = new short[mulaw.length];
        MuLaw.decode(mulaw, 0, out, 0, mulaw.length);
        return out;
    }

    /** {@code length} samples of silence with {@code pieces} laid at their offsets (offset, bytes, offset, bytes…). */
    private static short[] laid(int length, Object... pieces) {
        var out = new short[length];
        for (int i = 0; i < pieces.length; i += 2) {
            var samples = decoded((byte[]) pieces[i + 1]);
            System.arraycopy(samples, 0, out, (int) pieces[i], samples.length);
        }
        return out;
    }

    @Test
    void caller_frames_go_to_their_timestamps_and_a_gap_is_silence() throws IOException {
        var first = mulaw(160, 1);
        var second = mulaw(160, 2);
        var afterGap = mulaw(160, 3);
        timeline.caller(0, first);
        timeline.caller(20, second);
        timeline.caller(100, afterGap); // 60 ms lost in between
        assertThat(timeline.finish()).isEqualTo(960);
        assertThat(left).isEqualTo(laid(960, 0, first, 160, second, 800, afterGap));
        assertThat(right).isEqualTo(new short[960]);
    }

    @Test
    void a_frame_without_a_timestamp_continues_the_previous_one_and_a_repeated_frame_is_written_once() throws IOException {
        var first = mulaw(160, 1);
        var second = mulaw(160, 2);
        timeline.caller(0, first);
        timeline.caller(-1, second);
        timeline.caller(0, mulaw(160, 9)); // already written: a repeat changes nothing
        timeline.finish();
        assertThat(left).isEqualTo(laid(320, 0, first, 160, second));
    }

    @Test
    void agent_audio_starts_where_it_was_sent_and_queued_pieces_play_back_to_back() throws IOException {
        timeline.caller(0, mulaw(160, 1));
        var hello = mulaw(240, 4);
        var there = mulaw(100, 5);
        timeline.agent(hello); // sent at 20 ms
        timeline.agent(there); // queued behind it
        for (int ms = 20; ms < 100; ms += 20) timeline.caller(ms, mulaw(160, ms));
        timeline.finish();
        assertThat(right).isEqualTo(laid(800, 160, hello, 400, there));
    }

    @Test
    void agent_audio_sent_after_a_silence_starts_then_not_right_after_the_previous_piece() throws IOException {
        var hello = mulaw(80, 4);
        var again = mulaw(80, 5);
        timeline.agent(hello); // sent at 0
        for (int ms = 0; ms < 60; ms += 20) timeline.caller(ms, mulaw(160, ms));
        timeline.agent(again); // sent at 60 ms, long after hello ended
        for (int ms = 60; ms < 100; ms += 20) timeline.caller(ms, mulaw(160, ms));
        timeline.finish();
        assertThat(right).isEqualTo(laid(800, 0, hello, 480, again));
    }

    @Test
    void a_clear_drops_the_agent_audio_not_yet_played() throws IOException {
        var long_ = mulaw(800, 6);
        timeline.agent(long_); // 100 ms of agent audio sent at 0
        timeline.caller(0, mulaw(160, 1));
        timeline.caller(20, mulaw(160, 2));
        timeline.cleared(); // at 40 ms: 320 samples played, the rest never will
        timeline.caller(40, mulaw(160, 3));
        timeline.caller(60, mulaw(160, 4));
        timeline.finish();
        assertThat(right).isEqualTo(laid(640, 0, Arrays.copyOf(long_, 320)));
    }

    @Test
    void agent_audio_still_queued_when_the_stream_ends_never_played() throws IOException {
        timeline.caller(0, mulaw(160, 1));
        var reply = mulaw(400, 7);
        timeline.agent(reply);
        timeline.caller(20, mulaw(160, 2));
        assertThat(timeline.finish()).isEqualTo(320);
        assertThat(right).isEqualTo(laid(320, 160, Arrays.copyOf(reply, 160)));
    }

    @Test
    void memory_and_length_are_bounded() throws IOException {
        var bounded = new StereoTimeline(this::append, 400, 200);
        bounded.agent(mulaw(150, 1));
        bounded.agent(mulaw(100, 2)); // over the 200 pending samples: dropped
        assertThat(bounded.droppedAgentAudio()).isEqualTo(1);
        bounded.caller(0, mulaw(160, 3));
        bounded.caller(1000, mulaw(160, 4)); // far beyond the 400-frame cap: silence up to the cap, nothing after
        assertThat(bounded.finish()).isEqualTo(400);
        assertThat(left).hasSize(400);
    }
}
