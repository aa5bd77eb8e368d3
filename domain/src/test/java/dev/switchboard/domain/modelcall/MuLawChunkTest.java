package dev.switchboard.domain.modelcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class MuLawChunkTest {
    private static final byte[] FRAME = frame();

    private static byte[] frame() {
        var bytes = new byte[160];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 37 + 11);
        return bytes;
    }

    @Test
    void base64_from_the_wire_is_passed_on_as_it_came_and_decodes_to_the_bytes() {
        var wire = Base64.getEncoder().encodeToString(FRAME);
        var chunk = MuLawChunk.ofBase64(wire);
        assertThat(chunk.length()).isEqualTo(160);
        assertThat(chunk.base64()).isSameAs(wire);
        assertThat(chunk.bytes()).isEqualTo(FRAME);
    }

    @Test
    void bytes_encode_to_the_same_base64_as_the_jdk() {
        var chunk = MuLawChunk.of(FRAME.clone());
        assertThat(chunk.length()).isEqualTo(160);
        assertThat(chunk.base64()).isEqualTo(Base64.getEncoder().encodeToString(FRAME));
    }

    @Test
    void padded_lengths_are_counted_as_the_decoder_counts_them() {
        for (int n = 0; n <= 7; n++) {
            var bytes = new byte[n];
            var chunk = MuLawChunk.ofBase64(Base64.getEncoder().encodeToString(bytes));
            assertThat(chunk.length()).as("%d bytes", n).isEqualTo(n);
            assertThat(chunk.bytes()).isEqualTo(bytes);
        }
    }

    @Test
    void what_is_not_padded_base64_is_refused_at_once() {
        assertThatThrownBy(() -> MuLawChunk.ofBase64("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MuLawChunk.ofBase64("ab!d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MuLawChunk.ofBase64("a=bc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MuLawChunk.ofBase64("ab-_")).isInstanceOf(IllegalArgumentException.class);
    }
}
