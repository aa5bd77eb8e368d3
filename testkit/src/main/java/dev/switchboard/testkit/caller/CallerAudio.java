package dev.switchboard.testkit.caller;

import dev.switchboard.testkit.audio.TestSignals;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the caller's phone sends on a Media Streams call, 20 ms (160 μ-law bytes) at a time:
 * frame {@code n} covers {@code [n·20 ms, (n+1)·20 ms)} of the call.
 */
@FunctionalInterface
public interface CallerAudio {
    int FRAME_BYTES = 160;

    /** The μ-law bytes of frame {@code index} (exactly {@link #FRAME_BYTES}). */
    byte[] frame(int index);

    /** A quiet line. */
    static CallerAudio silence() {
        return index -> TestSignals.silence(20);
    }

    /** A speech-like signal all along (a voice-activity detector hears speech). */
    static CallerAudio speechLike() {
        return index -> TestSignals.speechLike(20, index * FRAME_BYTES);
    }

    /** A pure tone, e.g. 1 kHz for transcoding tests. */
    static CallerAudio tone(int hz) {
        return index -> TestSignals.tone(hz, 20, index * FRAME_BYTES, 0.3);
    }

    /** These μ-law bytes once, then silence. */
    static CallerAudio of(byte[] mulaw) {
        return index -> {
            var frame = TestSignals.silence(20);
            int from = index * FRAME_BYTES;
            if (from < mulaw.length) System.arraycopy(mulaw, from, frame, 0, Math.min(FRAME_BYTES, mulaw.length - from));
            return frame;
        };
    }

    /**
     * A WAV file (8 kHz mono, μ-law or 16-bit PCM) once, then silence.
     *
     * @throws IOException when it cannot be read or is not such a file
     */
    static CallerAudio wav(Path path) throws IOException {
        var bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.getInt(0) != 0x46464952 || bytes.getInt(8) != 0x45564157) throw new IOException(path + " is not a WAV file");
        int pos = 12;
        int format = 0;
        int channels = 0;
        int rate = 0;
        while (pos + 8 <= bytes.limit()) {
            int id = bytes.getInt(pos);
            int size = bytes.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                format = bytes.getShort(pos + 8);
                channels = bytes.getShort(pos + 10);
                rate = bytes.getInt(pos + 12);
            } else if (id == 0x61746164) { // "data"
                if (channels != 1 || rate != 8000) throw new IOException(path + ": only 8 kHz mono is sent as it is");
                var data = new byte[Math.min(size, bytes.limit() - pos - 8)];
                bytes.position(pos + 8);
                bytes.get(data);
                if (format == 7) return of(data);
                if (format != 1) throw new IOException(path + ": WAV format " + format + " (want 1 PCM or 7 μ-law)");
                var mulaw = new byte[data.length / 2];
                var samples = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < mulaw.length; i++) mulaw[i] = TestSignals.mulaw(samples.getShort(i * 2));
                return of(mulaw);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException(path + " has no data chunk");
    }
}
