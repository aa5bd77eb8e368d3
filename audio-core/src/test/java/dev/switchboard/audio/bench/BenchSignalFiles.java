package dev.switchboard.audio.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark input ({@link BenchSignals#speech}) as raw s16le files for the speexdsp
 * reference program ({@code audio-core/bench/compare.sh}), so both sides resample the very same
 * samples, and records this JVM's class path so the script can launch JMH without Maven.
 *
 * <p>Usage: {@code BenchSignalFiles <dir>} → {@code <dir>/speech_8000.s16le}, {@code speech_16000},
 * {@code speech_24000}, {@code classpath.txt}.
 */
public final class BenchSignalFiles {
    private BenchSignalFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(dir);
        for (int rate : new int[] {8000, 16000, 24000}) {
            short[] x = BenchSignals.speech(rate);
            ByteBuffer bytes = ByteBuffer.allocate(2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(x);
            Files.write(dir.resolve("speech_" + rate + ".s16le"), bytes.array());
        }
        Files.writeString(dir.resolve("classpath.txt"), System.getProperty("java.class.path"));
    }
}
