package dev.switchboard.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramingTest {

    private static short[] drain(Rechunker r, short[] into, int[] used) {
        short[] frame = new short[r.frameSamples()];
        while (r.read(frame, 0)) {
            System.arraycopy(frame, 0, into, used[0], frame.length);
            used[0] += frame.length;
        }
        return into;
    }

    private static short[] padded(short[] x, int frame) {
        return Arrays.copyOf(x, (x.length + frame - 1) / frame * frame);
    }

    @Test
    void twilioFramesToSpeechModelChunksEqualsOneResamplerPass() {
        short[] x = Vectors.pcm16("test_8k_1s.s16le");
        short[] expected = padded(ResamplerMetrics.resampleWhole(Resampler.create(8000, 16000), x), 1600);
        Rechunker r = Rechunker.create(8000, 16000, 1600);
        short[] got = new short[expected.length];
        int[] used = {0};
        for (int off = 0; off < x.length; off += 160) {
            r.write(x, off, 160);
            drain(r, got, used);
        }
        r.flush();
        drain(r, got, used);
        assertThat(used[0]).isEqualTo(expected.length);
        assertThat(got).containsExactly(expected);
        assertThat(r.queuedSamples()).isZero();
    }

    @Test
    void arbitraryModelChunksToTwilioFramesEqualsOneResamplerPass() {
        short[] x = Vectors.pcm16("test_24k_soxr_hq.s16le");
        short[] expected = padded(ResamplerMetrics.resampleWhole(Resampler.create(24000, 8000), x), 160);
        Rechunker r = Rechunker.create(24000, 8000, 160);
        short[] got = new short[expected.length];
        int[] used = {0};
        int[] sizes = {1, 4799, 333, 2400, 7, 9600, 1000};
        int off = 0;
        for (int i = 0; off < x.length; i++) {
            int n = Math.min(sizes[i % sizes.length], x.length - off);
            r.write(x, off, n);
            off += n;
            if (i % 2 == 0) {
                drain(r, got, used);
            }
        }
        Rechunker fork = r.copy();
        r.flush();
        drain(r, got, used);
        assertThat(got).containsExactly(expected);

        fork.reset();
        Rechunker fresh = Rechunker.create(24000, 8000, 160);
        fork.write(x, 0, 5000);
        fresh.write(x, 0, 5000);
        fork.flush();
        fresh.flush();
        assertThat(drain(fork, new short[4000], new int[1])).containsExactly(drain(fresh, new short[4000], new int[1]));
    }

    @Test
    void pacerReleasesLeadThenOneFramePerPeriodInOrder() {
        PacingBuffer p = PacingBuffer.twentyMilliseconds(8000);
        short[] ramp = new short[10 * 160 + 40];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) i;
        }
        p.write(ramp, 0, ramp.length);
        p.completeFrame();
        long ms = 1_000_000L;
        short[] out = new short[12 * 160];
        int frames = 0;
        // t (ms) at which poll is tried, and how many frames each burst of polls may release
        long[] times = {0, 1, 19, 20, 21, 39, 40, 60, 60, 200};
        int[] releasedAt = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            while (p.poll(times[i] * ms, out, frames * 160)) {
                frames++;
                releasedAt[i]++;
            }
        }
        assertThat(releasedAt).containsExactly(3, 0, 0, 1, 0, 0, 1, 1, 0, 5);
        short[] expected = Arrays.copyOf(ramp, 12 * 160);
        assertThat(out).containsExactly(expected);
        assertThat(p.nextReleaseNanos(200 * ms)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void bargeInClearsEverythingAndRestartsTheSchedule() {
        PacingBuffer p = PacingBuffer.create(160, 20_000_000L, 0);
        short[] speech = new short[50 * 160];
        Arrays.fill(speech, (short) 1000);
        p.write(speech, 0, speech.length);
        short[] out = new short[160];
        assertThat(p.poll(0, out, 0)).isTrue();
        assertThat(p.poll(10_000_000L, out, 0)).isFalse();
        assertThat(p.nextReleaseNanos(10_000_000L)).isEqualTo(20_000_000L);
        assertThat(p.clear()).isEqualTo(49 * 160);
        assertThat(p.queuedSamples()).isZero();
        assertThat(p.poll(20_000_000L, out, 0)).isFalse();
        short[] reply = new short[160];
        Arrays.fill(reply, (short) -7);
        p.write(reply, 0, 160);
        assertThat(p.nextReleaseNanos(25_000_000L)).isEqualTo(25_000_000L);
        assertThat(p.poll(25_000_000L, out, 0)).isTrue();
        assertThat(out).containsExactly(reply);
    }

    @Test
    void underrunRestartsInsteadOfBursting() {
        PacingBuffer p = PacingBuffer.create(160, 20_000_000L, 1);
        short[] frame = new short[160];
        short[] out = new short[160];
        p.write(frame, 0, 160);
        assertThat(p.poll(0, out, 0)).isTrue();
        assertThat(p.poll(1_000_000_000L, out, 0)).isFalse(); // a second later: nothing queued
        p.write(frame, 0, 160);
        p.write(frame, 0, 160);
        p.write(frame, 0, 160);
        int burst = 0;
        while (p.poll(1_000_000_000L, out, 0)) {
            burst++;
        }
        assertThat(burst).isEqualTo(2); // one plus one lead frame, not 50 frames of catch-up
    }
}
