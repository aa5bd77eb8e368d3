package dev.switchboard.llm.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The model's audio to the phone: however Gemini splits its PCM (even mid-sample), the caller hears the same. */
class DownlinkAudioTest {
    private static byte[] pcm24k(int samples) {
        var out = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short s = (short) Math.round(0.3 * 32767 * Math.sin(2 * Math.PI * 440 * i / 24_000.0));
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    private static byte[] play(byte[] pcm, int[] pieces) {
        var downlink = new DownlinkAudio();
        var heard = new ByteArrayOutputStream();
        int at = 0;
        for (int i = 0; at < pcm.length; i++) {
            int n = Math.min(pieces[i % pieces.length], pcm.length - at);
            var piece = new byte[n];
            System.arraycopy(pcm, at, piece, 0, n);
            downlink.write(piece, 24_000, frame -> {
                assertThat(frame).hasSize(160);
                heard.writeBytes(frame);
            });
            at += n;
        }
        downlink.endOfTurn(heard::writeBytes);
        return heard.toByteArray();
    }

    @Test
    void pieces_of_any_size_even_odd_bytes_give_the_same_frames_as_one_piece() {
        var pcm = pcm24k(24_000);
        var whole = play(pcm, new int[] {pcm.length});
        assertThat(play(pcm, new int[] {1921, 7, 960, 3, 4801})).isEqualTo(whole);
        assertThat(play(pcm, new int[] {1})).isEqualTo(whole);
        // One second at 24 kHz is 8,000 samples at 8 kHz, plus the resampler's tail, padded to whole 20 ms frames.
        assertThat(whole.length % 160).isZero();
        assertThat(whole.length).isBetween(8_000, 8_000 + 2 * 160);
    }

    @Test
    void a_turn_end_flushes_the_tail_once_and_a_barge_in_drops_what_is_queued() {
        var downlink = new DownlinkAudio();
        var heard = new ByteArrayOutputStream();
        downlink.write(pcm24k(1_000), 24_000, heard::writeBytes);
        int before = heard.size();
        downlink.drop();
        downlink.endOfTurn(heard::writeBytes);
        assertThat(heard.size()).as("nothing queued survives a barge-in, and there is no tail to flush").isEqualTo(before);
        downlink.write(pcm24k(480), 24_000, heard::writeBytes);
        downlink.endOfTurn(heard::writeBytes);
        int afterTurn = heard.size();
        downlink.endOfTurn(heard::writeBytes);
        assertThat(heard.size()).as("a second turn end adds no silence").isEqualTo(afterTurn);
        assertThat(afterTurn % 160).isZero();
    }
}
