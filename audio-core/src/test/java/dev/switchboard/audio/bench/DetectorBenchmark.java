package dev.switchboard.audio.bench;

import dev.switchboard.audio.DtmfDetector;
import dev.switchboard.audio.VoiceActivityDetector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** VAD and DTMF detection at 8 kHz fed 20 ms frames, input samples per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@OperationsPerInvocation(BenchSignals.SAMPLES)
public class DetectorBenchmark {
    private short[] in;
    private VoiceActivityDetector vad;
    private DtmfDetector dtmf;
    private long events;
    private final VoiceActivityDetector.Listener vadListener = new VoiceActivityDetector.Listener() {
        @Override
        public void speechStarted(long sample) {
            events++;
        }

        @Override
        public void speechEnded(long sample) {
            events++;
        }
    };
    private final DtmfDetector.Listener dtmfListener = (digit, start) -> events++;

    @Setup
    public void setUp() {
        in = BenchSignals.speech(8000);
        vad = VoiceActivityDetector.create(8000);
        dtmf = DtmfDetector.create(8000);
    }

    @Benchmark
    public long vad20ms() {
        for (int off = 0; off < in.length; off += 160) {
            vad.process(in, off, 160, vadListener);
        }
        return events;
    }

    @Benchmark
    public long dtmf20ms() {
        for (int off = 0; off < in.length; off += 160) {
            dtmf.process(in, off, 160, dtmfListener);
        }
        return events;
    }
}
