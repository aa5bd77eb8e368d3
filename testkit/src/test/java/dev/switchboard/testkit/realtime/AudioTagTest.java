package dev.switchboard.testkit.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.audio.TestSignals;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AudioTagTest {
    @Test
    void a_tag_written_into_a_frame_reads_back_whole_and_leaves_the_rest_of_the_audio_alone() {
        var audio = TestSignals.speechLike(40, 0);
        var original = audio.clone();
        var tag = new AudioTag(2, 999, 1234567, -42L);

        tag.writeInto(audio, AudioTag.FRAME_BYTES);

        assertThat(AudioTag.readFrom(audio, AudioTag.FRAME_BYTES)).contains(tag);
        assertThat(Arrays.copyOfRange(audio, AudioTag.FRAME_BYTES + AudioTag.BYTES, audio.length))
                .isEqualTo(Arrays.copyOfRange(original, AudioTag.FRAME_BYTES + AudioTag.BYTES, original.length));
        assertThat(Arrays.copyOf(audio, AudioTag.FRAME_BYTES)).isEqualTo(Arrays.copyOf(original, AudioTag.FRAME_BYTES));
    }

    @Test
    void plain_audio_and_a_frame_too_short_carry_no_tag() {
        assertThat(AudioTag.readFrom(TestSignals.speechLike(20, 0), 0)).isEqualTo(Optional.empty());
        assertThat(AudioTag.readFrom(TestSignals.silence(20), 0)).isEmpty();
        assertThat(AudioTag.readFrom(new byte[] {(byte) 0xA5, 0x5A, 0}, 0)).isEmpty();
    }
}
