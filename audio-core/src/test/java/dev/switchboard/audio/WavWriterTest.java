package dev.switchboard.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static short[] data(byte[] file) {
        short[] out = new short[(file.length - 44) / 2];
        le(file).position(44).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    @Test
    void monoFileHasCanonicalHeaderAndExactData() throws IOException {
        short[] pcm = Vectors.pcm16("test_8k_1s.s16le");
        Path file = dir.resolve("mono.wav");
        try (WavWriter wav = WavWriter.create(file, 8000, 1)) {
            for (int off = 0; off < pcm.length; off += 160) {
                wav.write(pcm, off, 160);
            }
            assertThat(wav.framesWritten()).isEqualTo(8000);
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer h = le(bytes);
        assertThat(new String(bytes, 0, 4, "US-ASCII")).isEqualTo("RIFF");
        assertThat(h.getInt(4)).isEqualTo(36 + 16000);
        assertThat(new String(bytes, 8, 8, "US-ASCII")).isEqualTo("WAVEfmt ");
        assertThat(new int[] {h.getInt(16), h.getShort(20), h.getShort(22), h.getInt(24), h.getInt(28),
            h.getShort(32), h.getShort(34)}).containsExactly(16, 1, 1, 8000, 16000, 2, 16);
        assertThat(new String(bytes, 36, 4, "US-ASCII")).isEqualTo("data");
        assertThat(h.getInt(40)).isEqualTo(16000);
        assertThat(data(bytes)).containsExactly(pcm);
    }

    @Test
    void stereoInterleavesTwoMonoStreams() throws IOException {
        short[] left = {1, 2, 3, 4, 5};
        short[] right = {-1, -2, -3, -4, -5};
        Path file = dir.resolve("stereo.wav");
        try (WavWriter wav = WavWriter.create(file, 16000, 2)) {
            wav.writeStereo(left, 0, right, 0, 3);
            wav.write(new short[] {4, -4, 5}, 0, 3);
            wav.write(new short[] {-5}, 0, 1);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(le(bytes).getShort(22)).isEqualTo((short) 2);
        assertThat(le(bytes).getInt(28)).isEqualTo(16000 * 4);
        assertThat(data(bytes)).containsExactly(1, -1, 2, -2, 3, -3, 4, -4, 5, -5);
    }

    @Test
    void splitStereoFrameIsPaddedOnClose() throws IOException {
        Path file = dir.resolve("odd.wav");
        try (WavWriter wav = WavWriter.create(file, 8000, 2)) {
            wav.write(new short[] {7, 8, 9}, 0, 3);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(le(bytes).getInt(40)).isEqualTo(8);
        assertThat(data(bytes)).containsExactly(7, 8, 9, 0);
    }

    @Test
    void nonSeekableStreamUsesStreamingSizes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WavWriter wav = WavWriter.create(out, 24000, 1)) {
            wav.write(new short[] {100, -100}, 0, 2);
        }
        byte[] bytes = out.toByteArray();
        assertThat(le(bytes).getInt(4)).isEqualTo(-1);
        assertThat(le(bytes).getInt(40)).isEqualTo(-1);
        assertThat(le(bytes).getInt(24)).isEqualTo(24000);
        assertThat(data(bytes)).containsExactly(100, -100);
    }

    @Test
    void rejectsBadFormatsAndWritesAfterClose() throws IOException {
        assertThatThrownBy(() -> WavWriter.create(new ByteArrayOutputStream(), 8000, 3))
                .isInstanceOf(IllegalArgumentException.class);
        WavWriter wav = WavWriter.create(new ByteArrayOutputStream(), 8000, 1);
        wav.close();
        assertThatThrownBy(() -> wav.write(new short[1], 0, 1)).isInstanceOf(IOException.class);
    }
}
