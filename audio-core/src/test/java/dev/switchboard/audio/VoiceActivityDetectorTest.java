package dev.switchboard.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VoiceActivityDetectorTest {

    static final class Recorder implements VoiceActivityDetector.Listener {
        final List<long[]> events = new ArrayList<>();

        @Override
        public void speechStarted(long sample) {
            events.add(new long[] {1, sample});
        }

        @Override
        public void speechEnded(long sample) {
            events.add(new long[] {0, sample});
        }

        List<String> asStrings() {
            List<String> out = new ArrayList<>();
            for (long[] e : events) {
                out.add((e[0] == 1 ? "start " : "end ") + e[1]);
            }
            return out;
        }
    }

    /** Background noise: white, pink or hum (60 Hz and harmonics) plus faint white noise. */
    static short[] background(String kind, int fs, double seconds, double dbfs) {
        int n = (int) (fs * seconds);
        short[] x = new short[n];
        double rms = 32768 * Math.pow(10, dbfs / 20) / Math.sqrt(2);
        switch (kind) {
            case "white":
                SpeechLike.addNoise(x, rms, 11);
                break;
            case "pink": {
                SplittableRandom r = new SplittableRandom(5);
                double b0 = 0;
                double b1 = 0;
                double b2 = 0;
                double[] y = new double[n];
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    double w = r.nextDouble() * 2 - 1;
                    b0 = 0.99765 * b0 + w * 0.0990460;
                    b1 = 0.96300 * b1 + w * 0.2965164;
                    b2 = 0.57000 * b2 + w * 1.0526913;
                    y[i] = b0 + b1 + b2 + w * 0.1848;
                    ss += y[i] * y[i];
                }
                double scale = rms / Math.sqrt(ss / n);
                for (int i = 0; i < n; i++) {
                    x[i] = (short) Math.round(y[i] * scale);
                }
                break;
            }
            case "hum":
                for (int i = 0; i < n; i++) {
                    double t = (double) i / fs;
                    x[i] = (short) Math.round(rms * Math.sqrt(2) * (Math.sin(2 * Math.PI * 60 * t)
                            + 0.5 * Math.sin(2 * Math.PI * 120 * t + 1) + 0.3 * Math.sin(2 * Math.PI * 180 * t + 2)));
                }
                SpeechLike.addNoise(x, rms / 30, 13);
                break;
            default:
                throw new IllegalArgumentException(kind);
        }
        return x;
    }

    /** Adds a voiced burst (150 Hz harmonic series, 5 ms ramps) at {@code dbfs} RMS into x. */
    static void burst(short[] x, int fs, int from, int len, double dbfs) {
        double[] y = new double[len];
        double ss = 0;
        for (int i = 0; i < len; i++) {
            double t = (double) i / fs;
            for (int k = 1; k * 150 < 3400; k++) {
                y[i] += Math.sin(2 * Math.PI * 150 * k * t + k) / k;
            }
            double ramp = Math.min(1, Math.min(i, len - 1 - i) / (0.005 * fs));
            y[i] *= ramp;
            ss += y[i] * y[i];
        }
        double scale = 32768 * Math.pow(10, dbfs / 20) / Math.sqrt(2) / Math.sqrt(ss / len);
        for (int i = 0; i < len; i++) {
            x[from + i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[from + i] + y[i] * scale)));
        }
    }

    static Recorder run(VoiceActivityDetector vad, short[] x) {
        Recorder r = new Recorder();
        vad.process(x, 0, x.length, r);
        return r;
    }

    @ParameterizedTest(name = "{0} noise at {1} dBFS, {2} Hz")
    @CsvSource({"white, -50, 8000", "pink, -45, 8000", "hum, -40, 8000", "white, -45, 16000", "pink, -50, 24000"})
    void reportsBurstBoundariesWithin40Ms(String kind, double noiseDbfs, int fs) {
        short[] x = background(kind, fs, 6, noiseDbfs);
        int[][] bursts = {{fs, fs / 2}, {2 * fs, fs}, {4 * fs, fs * 3 / 10}};
        double[] levels = {-20, -30, -25};
        for (int b = 0; b < bursts.length; b++) {
            burst(x, fs, bursts[b][0], bursts[b][1], levels[b]);
        }
        List<long[]> events = run(VoiceActivityDetector.create(fs), x).events;
        assertThat(events).hasSize(6);
        long[] errorsMs = new long[6];
        for (int b = 0; b < 3; b++) {
            assertThat(events.get(2 * b)[0]).isEqualTo(1);
            assertThat(events.get(2 * b + 1)[0]).isEqualTo(0);
            errorsMs[2 * b] = Math.abs(events.get(2 * b)[1] - bursts[b][0]) * 1000 / fs;
            errorsMs[2 * b + 1] = Math.abs(events.get(2 * b + 1)[1] - bursts[b][0] - bursts[b][1]) * 1000 / fs;
        }
        assertThat(errorsMs).as("start/end errors, ms").containsExactly(clampTo40(errorsMs));
    }

    private static long[] clampTo40(long[] v) {
        long[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(out[i], 40);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} noise at {1} dBFS")
    @CsvSource({"white, -30", "white, -50", "pink, -25", "pink, -45", "hum, -20", "hum, -45"})
    void noFalseStartOnStationaryNoise(String kind, double dbfs) {
        VoiceActivityDetector vad = VoiceActivityDetector.create(8000);
        assertThat(run(vad, background(kind, 8000, 30, dbfs)).events).isEmpty();
        assertThat(vad.isSpeech()).isFalse();
    }

    @Test
    void followsTheSpeechLikeSignal() {
        short[] x = SpeechLike.generate(8000, 8, false);
        SpeechLike.addNoise(x, 30, 1);
        List<long[]> events = run(VoiceActivityDetector.create(8000, VoiceActivityDetector.Settings.telephony()
                .withHangoverMs(200)), x).events;
        // five 1.2 s talk spurts separated by 0.4 s pauses
        assertThat(events.stream().filter(e -> e[0] == 1).count()).isEqualTo(5);
    }

    @Test
    void chunkedCopiedAndResetDetectorsReportIdenticalEvents() {
        short[] x = background("pink", 8000, 6, -45);
        burst(x, 8000, 8000, 4000, -20);
        burst(x, 8000, 24000, 8000, -28);
        VoiceActivityDetector vad = VoiceActivityDetector.create(8000);
        List<String> whole = run(vad, x).asStrings();
        vad.reset();
        assertThat(run(vad, x).asStrings()).isEqualTo(whole);
        VoiceActivityDetector chunked = VoiceActivityDetector.create(8000);
        Recorder r = new Recorder();
        int[] sizes = {1, 79, 160, 3, 480, 200};
        int off = 0;
        for (int i = 0; off < x.length / 2; i++) {
            int n = Math.min(sizes[i % sizes.length], x.length - off);
            chunked.process(x, off, n, r);
            off += n;
        }
        VoiceActivityDetector fork = chunked.copy();
        Recorder forked = new Recorder();
        forked.events.addAll(r.events);
        chunked.process(x, off, x.length - off, r);
        fork.process(x, off, x.length - off, forked);
        assertThat(r.asStrings()).isEqualTo(whole);
        assertThat(forked.asStrings()).isEqualTo(whole);
    }
}
