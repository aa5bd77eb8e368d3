package dev.switchboard.audio.bench;

import java.lang.reflect.Method;

/** Input data for the benchmarks: the speech-like test signal (METRICS → Throughput). */
final class BenchSignals {
    /** Input samples per benchmark invocation: 60 s at 8 kHz (30 s at 16 kHz, 20 s at 24 kHz). */
    static final int SAMPLES = 480_000;

    private BenchSignals() {
    }

    /** {@link #SAMPLES} samples of the speech-like signal at {@code rateHz}. */
    static short[] speech(int rateHz) {
        try {
            // SpeechLike is package-private test code beside the unit tests.
            Class<?> c = Class.forName("dev.switchboard.audio.SpeechLike");
            Method m = c.getDeclaredMethod("generate", int.class, double.class, boolean.class);
            m.setAccessible(true);
            return java.util.Arrays.copyOf((short[]) m.invoke(null, rateHz, 60.0, false), SAMPLES);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
