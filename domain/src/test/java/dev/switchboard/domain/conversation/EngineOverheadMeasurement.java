package dev.switchboard.domain.conversation;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.InMemoryCallRepository;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.Toolbox;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Measures the engine's own overhead per turn: time from a final caller utterance to the first
 * text handed to the output, minus the model's time to first token (a fake model that waits a
 * fixed delay). Not a test — a measurement, run on demand:
 * {@code ./mvnw -B -q -pl domain test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.switchboard.domain.conversation.EngineOverheadMeasurement}
 */
public final class EngineOverheadMeasurement {
    private static final int WARMUP = 2_000;
    private static final int TURNS = 1_000;
    private static final long MODEL_DELAY_NANOS = 2_000_000;

    private EngineOverheadMeasurement() {}

    /** A realistic call: the history stays the size of one call's, not of a thousand turns. */
    private static final int TURNS_PER_CALL = 20;

    public static void main(String[] args) {
        var tenant = TenantId.random();
        var timing = new long[4];
        LanguageModel model = (request, listener, cancellation) -> {
            timing[1] = System.nanoTime();
            long until = timing[1] + MODEL_DELAY_NANOS;
            while (System.nanoTime() < until) Thread.onSpinWait();
            timing[2] = System.nanoTime();
            listener.onText("Bonjour");
            listener.onText(", je vous écoute.");
            return new ModelReply("Bonjour, je vous écoute.", List.of(), ModelReply.StopReason.END_TURN);
        };
        ConversationOutput output = new ConversationOutput() {
            public void text(String delta, boolean last) {
                if (timing[3] == 0) timing[3] = System.nanoTime();
            }

            public void handOff(HandOff handOff) {}

            public void hangUp(String reason) {}
        };
        var tools = Executors.newSingleThreadExecutor();
        var assistant = Fixtures.assistant(tenant, "Reception");
        var facts = new TenantFacts("Salon", ZoneId.of("Europe/Paris"), "Tue-Sat 9:00-19:00");
        var overhead = new long[TURNS];
        ConversationSession session = null;
        for (int i = 0; i < WARMUP + TURNS; i++) {
            if (i % TURNS_PER_CALL == 0) {
                var calls = new InMemoryCallRepository();
                var call = Fixtures.call(tenant, Fixtures.T0);
                calls.add(call);
                session = new ConversationSession(assistant, facts, Map.of(), new CallTimeline(call, CallRecorder.direct(calls), Clock.systemUTC()),
                        model, new Toolbox(List.of()), tools, output, EngineSettings.standard());
            }
            timing[3] = 0;
            timing[0] = System.nanoTime();
            session.callerSaid("Bonjour, je voudrais un rendez-vous demain.");
            long engine = (timing[1] - timing[0]) + (timing[3] - timing[2]);
            if (i >= WARMUP) overhead[i - WARMUP] = engine;
        }
        Arrays.sort(overhead);
        System.out.printf("engine overhead per turn over %d turns (%d turns per call, in-memory records): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                TURNS, TURNS_PER_CALL, overhead[TURNS / 2] / 1e6, overhead[TURNS * 99 / 100] / 1e6, overhead[TURNS - 1] / 1e6);
        System.exit(0);
    }
}
