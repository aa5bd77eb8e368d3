package dev.switchboard.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Metamorphic whole-array checks: chunking, copy(), reset() and flush() never change the output. */
class ResamplerStreamingTest {

    /** The 1 s test vector at 8 kHz, and soxr-HQ versions of it at 16/24 kHz (as METRICS prescribes). */
    static short[] input(int hz) {
        switch (hz) {
            case 8000: return Vectors.pcm16("test_8k_1s.s16le");
            case 16000: return Vectors.pcm16("test_16k_soxr_hq.s16le");
            case 24000: return Vectors.pcm16("test_24k_soxr_hq.s16le");
            case 48000: return ResamplerMetrics.resampleWhole(Resampler.create(24000, 48000, Resampler.Quality.HIGH), input(24000));
            default: throw new IllegalArgumentException();
        }
    }

    static Stream<Arguments> pairs() {
        return Stream.of(new int[][] {{8000, 16000}, {8000, 24000}, {16000, 8000}, {24000, 8000}, {16000, 24000},
            {24000, 16000}, {8000, 48000}, {48000, 8000}, {16000, 48000}, {48000, 24000}, {8000, 8000}})
                .flatMap(p -> Stream.of(Resampler.Quality.values()).map(q -> Arguments.of(p[0], p[1], q)));
    }

    private static short[] chunked(Resampler r, short[] x, int[] sizes) {
        short[] y = new short[r.maxOutput(x.length) + r.latencySamples() + 16];
        int n = 0;
        int off = 0;
        for (int i = 0; off < x.length; i++) {
            int len = Math.min(sizes[i % sizes.length], x.length - off);
            int expected = r.maxOutput(len);
            int wrote = r.process(x, off, len, y, n);
            assertThat(wrote).isBetween(expected - 1, expected);
            n += wrote;
            off += len;
        }
        n += r.flush(y, n);
        return Arrays.copyOf(y, n);
    }

    @ParameterizedTest(name = "{0}->{1} {2}")
    @MethodSource("pairs")
    void twentyMillisecondFramesEqualOneCall(int inHz, int outHz, Resampler.Quality q) {
        short[] x = input(inHz);
        short[] whole = ResamplerMetrics.resampleWhole(Resampler.create(inHz, outHz, q), x);
        short[] frames = chunked(Resampler.create(inHz, outHz, q), x, new int[] {inHz / 50});
        assertThat(frames).containsExactly(whole);
        long n = x.length;
        assertThat(whole).hasSize((int) ((n * outHz + inHz - 1) / inHz) + Resampler.create(inHz, outHz, q).latencySamples());
    }

    @ParameterizedTest(name = "{0}->{1} {2}")
    @MethodSource("pairs")
    void copyContinuesIdenticallyAndResetEqualsFresh(int inHz, int outHz, Resampler.Quality q) {
        short[] x = input(inHz);
        short[] whole = ResamplerMetrics.resampleWhole(Resampler.create(inHz, outHz, q), x);
        Resampler r = Resampler.create(inHz, outHz, q);
        int half = x.length / 2 + 7;
        short[] head = new short[r.maxOutput(half)];
        int h = r.process(x, 0, half, head, 0);
        Resampler fork = r.copy();
        short[] tail = ResamplerMetrics.resampleWhole(r, Arrays.copyOfRange(x, half, x.length));
        short[] forkTail = ResamplerMetrics.resampleWhole(fork, Arrays.copyOfRange(x, half, x.length));
        assertThat(forkTail).containsExactly(tail);
        short[] joined = Arrays.copyOf(head, h + tail.length);
        System.arraycopy(tail, 0, joined, h, tail.length);
        assertThat(joined).containsExactly(whole);

        Resampler dirty = Resampler.create(inHz, outHz, q);
        dirty.process(x, 1000, 333, new short[dirty.maxOutput(333)], 0);
        dirty.reset();
        assertThat(ResamplerMetrics.resampleWhole(dirty, x)).containsExactly(whole);
        // flush() resets too: a second stream through the same instance is unaffected by the first.
        assertThat(ResamplerMetrics.resampleWhole(dirty, x)).containsExactly(whole);
    }

    @Provide
    Arbitrary<Integer> rates() {
        return Arbitraries.of(8000, 16000, 24000, 48000);
    }

    @Property(tries = 40)
    void anyChunkingEqualsOneCall(@ForAll("rates") int inHz, @ForAll("rates") int outHz,
                                  @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 700) Integer> sizes) {
        short[] x = Arrays.copyOf(input(8000), 4000);
        short[] whole = ResamplerMetrics.resampleWhole(Resampler.create(inHz, outHz), x);
        short[] parts = chunked(Resampler.create(inHz, outHz), x, sizes.stream().mapToInt(Integer::intValue).toArray());
        assertThat(parts).containsExactly(whole);
    }

    @Test
    void matchesSoxrHqReferenceInThePassband() {
        for (int outHz : new int[] {16000, 24000}) {
            Resampler r = Resampler.create(8000, outHz);
            short[] ours = ResamplerMetrics.resampleWhole(r, input(8000));
            short[] soxr = input(outHz);
            int lat = r.latencySamples();
            // Up to 0.7 s the chirp stays below 2.8 kHz, inside both passbands; skip the start-up transient.
            double sig = 0;
            double err = 0;
            for (int m = outHz / 100; m < outHz * 7 / 10; m++) {
                double d = ours[m + lat] - soxr[m];
                sig += (double) soxr[m] * soxr[m];
                err += d * d;
            }
            assertThat(10 * Math.log10(sig / err)).as("SNR vs soxr at " + outHz).isGreaterThan(60);
        }
    }

    @Test
    void constantInputGivesConstantOutput() {
        for (int[] p : new int[][] {{8000, 16000}, {8000, 24000}, {16000, 24000}, {24000, 16000}, {8000, 48000}}) {
            Resampler r = Resampler.create(p[0], p[1]);
            short[] x = new short[p[0] / 10];
            Arrays.fill(x, (short) 12345);
            short[] y = ResamplerMetrics.resampleWhole(r, x);
            short[] steady = Arrays.copyOfRange(y, 2 * r.latencySamples() + 1, y.length - 2 * r.latencySamples() - 1);
            short[] expected = new short[steady.length];
            Arrays.fill(expected, (short) 12345);
            assertThat(steady).containsExactly(expected);
        }
    }

    @Test
    void processDoesNotAllocate() {
        Resampler r = Resampler.create(8000, 24000);
        short[] x = input(8000);
        short[] out = new short[r.maxOutput(160)];
        Runnable frames = () -> {
            for (int off = 0; off + 160 <= x.length; off += 160) {
                r.process(x, off, 160, out, 0);
            }
        };
        for (int i = 0; i < 20; i++) {
            frames.run();
        }
        assertThat(Allocations.during(frames)).isLessThan(256);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Resampler.create(0, 8000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resampler.create(44100, 8000)).isInstanceOf(IllegalArgumentException.class);
        Resampler r = Resampler.create(8000, 16000);
        assertThatThrownBy(() -> r.process(new short[160], 0, 160, new short[319], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(r.inputRateHz()).isEqualTo(8000);
        assertThat(r.outputRateHz()).isEqualTo(16000);
    }
}
