package dev.switchboard.audio.bench;

import dev.switchboard.audio.ALaw;
import dev.switchboard.audio.MuLaw;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** G.711 decode/encode throughput, input samples per second; {@code long} = one call, {@code 20ms} = 160-sample calls. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@OperationsPerInvocation(BenchSignals.SAMPLES)
public class G711Benchmark {
    @Param({"long", "20ms"})
    public String mode;

    private short[] pcm;
    private byte[] ulaw;
    private byte[] alaw;
    private short[] pcmOut;
    private byte[] codeOut;
    private int frame;

    @Setup
    public void setUp() {
        pcm = BenchSignals.speech(8000);
        ulaw = new byte[pcm.length];
        alaw = new byte[pcm.length];
        MuLaw.encode(pcm, 0, ulaw, 0, pcm.length);
        ALaw.encode(pcm, 0, alaw, 0, pcm.length);
        pcmOut = new short[pcm.length];
        codeOut = new byte[pcm.length];
        frame = mode.equals("long") ? pcm.length : 160;
    }

    @Benchmark
    public short[] muLawDecode() {
        for (int off = 0; off < ulaw.length; off += frame) {
            MuLaw.decode(ulaw, off, pcmOut, off, frame);
        }
        return pcmOut;
    }

    @Benchmark
    public byte[] muLawEncode() {
        for (int off = 0; off < pcm.length; off += frame) {
            MuLaw.encode(pcm, off, codeOut, off, frame);
        }
        return codeOut;
    }

    @Benchmark
    public short[] aLawDecode() {
        for (int off = 0; off < alaw.length; off += frame) {
            ALaw.decode(alaw, off, pcmOut, off, frame);
        }
        return pcmOut;
    }

    @Benchmark
    public byte[] aLawEncode() {
        for (int off = 0; off < pcm.length; off += frame) {
            ALaw.encode(pcm, off, codeOut, off, frame);
        }
        return codeOut;
    }
}
