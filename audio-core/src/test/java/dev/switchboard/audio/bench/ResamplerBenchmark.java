package dev.switchboard.audio.bench;

import dev.switchboard.audio.Resampler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TELEPHONY resampling throughput, input samples per second. The resampler's state persists
 * across frames and invocations, as for one continuous stream. For comparison, {@code naive} is
 * the first inner loop (short history × float taps, one accumulator) and {@code dotProduct} the
 * kernel before the block kernel (a dot product per output, eight partial sums).
 *
 * <p>Besides the wall-clock score, each benchmark reports the thread's CPU time and the input
 * samples it processed per iteration ({@link CpuTime}, secondary results {@code cpuNanos} and
 * {@code inputSamples}): on a machine shared with other builds, samples per CPU-second is the
 * figure that time-slicing does not distort ({@code audio-core/bench/compare.sh} uses both).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@OperationsPerInvocation(BenchSignals.SAMPLES)
public class ResamplerBenchmark {
    @Param({"8000-16000", "8000-24000", "16000-8000", "24000-8000"})
    public String pair;

    @Param({"long", "20ms"})
    public String mode;

    private short[] in;
    private short[] out;
    private int frame;
    private Resampler resampler;
    private NaiveResampler naive;
    private Resampler dotProduct;

    @Setup
    public void setUp() {
        String[] rates = pair.split("-");
        int inHz = Integer.parseInt(rates[0]);
        int outHz = Integer.parseInt(rates[1]);
        in = BenchSignals.speech(inHz);
        resampler = Resampler.create(inHz, outHz);
        naive = new NaiveResampler(inHz, outHz);
        dotProduct = DotProductResampler.telephony(inHz, outHz);
        frame = mode.equals("long") ? in.length : inHz / 50;
        out = new short[resampler.maxOutput(in.length) + 16];
    }

    @Benchmark
    public short[] telephony(CpuTime cpu) {
        long start = cpu.now();
        int o = 0;
        for (int off = 0; off < in.length; off += frame) {
            o += resampler.process(in, off, frame, out, o);
        }
        cpu.add(start, in.length);
        return out;
    }

    @Benchmark
    public short[] naive(CpuTime cpu) {
        long start = cpu.now();
        int o = 0;
        for (int off = 0; off < in.length; off += frame) {
            o += naive.process(in, off, frame, out, o);
        }
        cpu.add(start, in.length);
        return out;
    }

    @Benchmark
    public short[] dotProduct(CpuTime cpu) {
        long start = cpu.now();
        int o = 0;
        for (int off = 0; off < in.length; off += frame) {
            o += dotProduct.process(in, off, frame, out, o);
        }
        cpu.add(start, in.length);
        return out;
    }

    /** Per-iteration totals of this thread's CPU time and input samples (JMH secondary results). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuNanos;
        public long inputSamples;

        @Setup(Level.Iteration)
        public void clear() {
            cpuNanos = 0;
            inputSamples = 0;
        }

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void add(long start, int samples) {
            cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
            inputSamples += samples;
        }
    }
}
