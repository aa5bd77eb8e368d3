package dev.switchboard.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtmfTest {
    private static final String KEYS = "123A456B789C*0#D";
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final int FS = 8000;

    /** Events as "digit start end" strings, in order. */
    static final class Recorder implements DtmfDetector.Listener {
        final List<String> events = new ArrayList<>();
        final StringBuilder digits = new StringBuilder();

        @Override
        public void digitStarted(char digit, long startSample) {
            events.add("start " + digit + " " + startSample);
            digits.append(digit);
        }

        @Override
        public void digitEnded(char digit, long startSample, long endSample) {
            events.add("end " + digit + " " + startSample + " " + endSample);
        }
    }

    /** Writes a tone pair into x at [from, from+len): per-tone levels in dBFS, frequency factors. */
    static void tonePair(short[] x, int from, int len, char key, double rowDbfs, double colDbfs,
                         double rowFactor, double colFactor) {
        int k = KEYS.indexOf(key);
        double ar = 32768 * Math.pow(10, rowDbfs / 20);
        double ac = 32768 * Math.pow(10, colDbfs / 20);
        for (int n = 0; n < len; n++) {
            double t = (double) n / FS;
            x[from + n] = (short) Math.round(ar * Math.sin(2 * Math.PI * ROWS[k / 4] * rowFactor * t + 0.3)
                    + ac * Math.sin(2 * Math.PI * COLUMNS[k % 4] * colFactor * t + 1.1));
        }
    }

    static Recorder detect(short[] x) {
        Recorder r = new Recorder();
        DtmfDetector.create(FS).process(x, 0, x.length, r);
        return r;
    }

    /** All 16 digits, {@code toneMs} on / {@code pauseMs} off, −23 dBFS per tone (−20 dBFS total), noise at 15 dB SNR. */
    static short[] allDigits(int toneMs, int pauseMs, double snrDb) {
        int tone = toneMs * FS / 1000;
        int period = tone + pauseMs * FS / 1000;
        short[] x = new short[16 * period + FS / 10];
        for (int d = 0; d < 16; d++) {
            tonePair(x, FS / 20 + d * period, tone, KEYS.charAt(d), -23, -23, 1, 1);
        }
        double signalRms = 32768 * Math.pow(10, -20 / 20.0) / Math.sqrt(2);
        SpeechLike.addNoise(x, signalRms * Math.pow(10, -snrDb / 20), 7);
        return x;
    }

    @ParameterizedTest(name = "{0} ms tone, {1} ms pause")
    @CsvSource({"40, 40", "50, 50", "100, 100"})
    void detectsEveryDigitAtMinus20DbfsWithNoiseAt15DbSnr(int toneMs, int pauseMs) {
        short[] x = allDigits(toneMs, pauseMs, 15);
        Recorder r = detect(x);
        assertThat(r.digits.toString()).isEqualTo(KEYS);
        int period = (toneMs + pauseMs) * FS / 1000;
        long[] startErrorsMs = new long[16];
        long[] endErrorsMs = new long[16];
        int d = 0;
        for (String e : r.events) {
            String[] p = e.split(" ");
            long trueStart = FS / 20 + (long) d * period;
            if (p[0].equals("end")) {
                startErrorsMs[d] = Math.abs(Long.parseLong(p[2]) - trueStart) * 1000 / FS;
                endErrorsMs[d] = Math.abs(Long.parseLong(p[3]) - trueStart - toneMs * FS / 1000) * 1000 / FS;
                d++;
            }
        }
        assertThat(d).isEqualTo(16);
        assertThat(java.util.Arrays.stream(startErrorsMs).max().orElseThrow()).as("start error ms").isLessThanOrEqualTo(10);
        assertThat(java.util.Arrays.stream(endErrorsMs).max().orElseThrow()).as("end error ms").isLessThanOrEqualTo(10);
    }

    @Test
    void acceptsFrequencyDeviationOfOnePointFivePercent() {
        StringBuilder all = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (double rf : new double[] {0.985, 1.015}) {
            for (double cf : new double[] {0.985, 1.015}) {
                for (int d = 0; d < 16; d++) {
                    short[] x = new short[FS / 4];
                    tonePair(x, FS / 20, FS / 10, KEYS.charAt(d), -23, -23, rf, cf);
                    SpeechLike.addNoise(x, 30, d);
                    all.append(detect(x).digits);
                    expected.append(KEYS.charAt(d));
                }
            }
        }
        assertThat(all.toString()).isEqualTo(expected.toString());
    }

    @Test
    void rejectsFrequencyDeviationOfThreePointFivePercent() {
        StringBuilder all = new StringBuilder();
        for (double[] f : new double[][] {{0.965, 1}, {1.035, 1}, {1, 0.965}, {1, 1.035}, {1.035, 1.035}, {0.965, 0.965}}) {
            for (int d = 0; d < 16; d++) {
                short[] x = new short[FS / 4];
                tonePair(x, FS / 20, FS / 10, KEYS.charAt(d), -23, -23, f[0], f[1]);
                all.append(detect(x).digits);
            }
        }
        assertThat(all.toString()).isEmpty();
    }

    @ParameterizedTest(name = "row {0} dBFS, column {1} dBFS -> {2}")
    @CsvSource({"-26, -19, 5", "-19, -22, 5", "-28, -18, ''", "-18, -24, ''", "-33, -33, 5", "-40, -40, ''"})
    void twistAndLevelLimits(double rowDbfs, double colDbfs, String expected) {
        short[] x = new short[FS / 4];
        tonePair(x, FS / 20, FS / 10, '5', rowDbfs, colDbfs, 1, 1);
        assertThat(detect(x).digits.toString()).isEqualTo(expected);
    }

    @Test
    void ignoresTonesShorterThanTheMinimum() {
        short[] x = new short[FS];
        for (int i = 0; i < 4; i++) {
            tonePair(x, FS / 10 + i * FS / 5, FS / 50, KEYS.charAt(i), -20, -20, 1, 1);
        }
        assertThat(detect(x).digits.toString()).isEmpty();
    }

    @Test
    void repeatedDigitNeedsThePauseAndAShortDropoutIsNotAPause() {
        short[] twoFives = new short[FS / 2];
        tonePair(twoFives, 400, 400, '5', -20, -20, 1, 1);
        tonePair(twoFives, 1120, 400, '5', -20, -20, 1, 1); // 40 ms apart
        assertThat(detect(twoFives).digits.toString()).isEqualTo("55");
        short[] dropout = new short[FS / 2];
        tonePair(dropout, 400, 400, '5', -20, -20, 1, 1);
        tonePair(dropout, 840, 400, '5', -20, -20, 1, 1); // 5 ms apart
        assertThat(detect(dropout).digits.toString()).isEqualTo("5");
    }

    @Test
    void noTalkOffOnSpeechLikeSignals() {
        for (boolean gliding : new boolean[] {false, true}) {
            short[] speech = SpeechLike.generate(FS, 60, gliding);
            assertThat(detect(speech).events).as("gliding pitch " + gliding).isEmpty();
            SpeechLike.addNoise(speech, 300, 3);
            assertThat(detect(speech).events).as("with noise, gliding pitch " + gliding).isEmpty();
        }
    }

    @Test
    void generatorOutputIsDetectedExactly() {
        DtmfGenerator g = DtmfGenerator.create(FS, -12, 60, 60);
        g.enqueue("0123456789*#abcd");
        assertThat(g.pendingSamples()).isEqualTo(16 * 960);
        short[] x = new short[16 * 960 + 800];
        for (int off = 0; off < x.length; off += 160) {
            assertThat(g.generate(x, off, Math.min(160, x.length - off))).isEqualTo(Math.min(160, x.length - off));
        }
        assertThat(g.pendingSamples()).isZero();
        assertThat(detect(x).digits.toString()).isEqualTo("0123456789*#ABCD");
    }

    @Test
    void chunkedCopiedAndResetDetectorsReportIdenticalEvents() {
        short[] x = allDigits(50, 50, 15);
        List<String> whole = detect(x).events;
        Recorder chunked = new Recorder();
        DtmfDetector d = DtmfDetector.create(FS);
        int[] sizes = {1, 7, 160, 33, 480, 39};
        int off = 0;
        DtmfDetector fork = null;
        Recorder forkRecorder = new Recorder();
        for (int i = 0; off < x.length; i++) {
            int n = Math.min(sizes[i % sizes.length], x.length - off);
            d.process(x, off, n, chunked);
            off += n;
            if (fork == null && off > x.length / 2) {
                fork = d.copy();
                forkRecorder.events.addAll(chunked.events);
                fork.process(x, off, x.length - off, forkRecorder);
            }
        }
        assertThat(chunked.events).isEqualTo(whole);
        assertThat(forkRecorder.events).isEqualTo(whole);
        Recorder again = new Recorder();
        d.reset();
        d.process(x, 0, x.length, again);
        assertThat(again.events).isEqualTo(whole);
    }
}
