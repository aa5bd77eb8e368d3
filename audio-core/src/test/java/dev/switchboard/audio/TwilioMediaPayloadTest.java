package dev.switchboard.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TwilioMediaPayloadTest {
    private static final byte[] ULAW = Vectors.bytes("test_8k_1s.ulaw");
    private static final short[] PCM = Vectors.pcm16("test_8k_1s.s16le");

    @Test
    void decodesBase64MuLawLikeJdkBase64ThenG711() {
        for (int len : new int[] {0, 1, 2, 3, 4, 5, 160, 161, 162, 8000}) {
            byte[] ulaw = Arrays.copyOf(ULAW, len);
            String payload = Base64.getEncoder().encodeToString(ulaw);
            short[] expected = new short[len];
            MuLaw.decode(ulaw, 0, expected, 0, len);
            short[] out = new short[len + 3];
            assertThat(TwilioMediaPayload.decodedLength(payload)).isEqualTo(len);
            assertThat(TwilioMediaPayload.decode(payload, out, 3)).isEqualTo(len);
            assertThat(Arrays.copyOfRange(out, 3, out.length)).containsExactly(expected);
        }
    }

    @Test
    void encodesPcmToTheReferenceMuLawInBase64() {
        for (int len : new int[] {0, 1, 2, 3, 4, 160, 161, 8000}) {
            String expected = Base64.getEncoder().encodeToString(Arrays.copyOf(ULAW, len));
            assertThat(TwilioMediaPayload.encode(PCM, 0, len)).isEqualTo(expected);
            StringBuilder sb = new StringBuilder("x");
            TwilioMediaPayload.encode(PCM, 0, len, sb);
            assertThat(sb.toString()).isEqualTo("x" + expected);
            char[] chars = new char[TwilioMediaPayload.encodedLength(len) + 1];
            assertThat(TwilioMediaPayload.encode(PCM, 0, len, chars, 1)).isEqualTo(expected.length());
            assertThat(new String(chars, 1, expected.length())).isEqualTo(expected);
        }
        assertThat(TwilioMediaPayload.encodedLength(TwilioMediaPayload.FRAME_SAMPLES)).isEqualTo(216);
    }

    @Test
    void rejectsMalformedPayloads() {
        assertThatThrownBy(() -> TwilioMediaPayload.decode("abc", new short[3], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwilioMediaPayload.decode("ab!d", new short[3], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwilioMediaPayload.decode("abcd", new short[2], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void frameRoundTripDoesNotAllocate() {
        String payload = Base64.getEncoder().encodeToString(Arrays.copyOf(ULAW, 160));
        short[] pcm = new short[160];
        char[] chars = new char[216];
        Runnable frames = () -> {
            for (int i = 0; i < 2000; i++) {
                TwilioMediaPayload.decode(payload, pcm, 0);
                TwilioMediaPayload.encode(pcm, 0, 160, chars, 0);
            }
        };
        frames.run();
        frames.run();
        assertThat(Allocations.during(frames)).isLessThan(256);
        assertThat(new String(chars)).isEqualTo(payload);
    }
}
