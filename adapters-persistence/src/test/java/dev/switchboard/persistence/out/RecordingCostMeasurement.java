package dev.switchboard.persistence.out;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What recording costs a turn on its own thread: the six records of a turn (caller said, the
 * caller's transcript turn, model requested, first token, the agent's turn, agent said) written
 * synchronously, one INSERT each (before ADR 007), versus handed to the batching recorder (after).
 * Embedded PostgreSQL. Not a test — a measurement, run on demand:
 * {@code ./mvnw -B -q -o -pl adapters-persistence -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.switchboard.persistence.out.RecordingCostMeasurement}
 * (with {@code -am}, add {@code -Dexec.skip} handling per module, or run from the module after a build).
 */
public final class RecordingCostMeasurement {
    private static final int WARMUP = 300;
    private static final int TURNS = 1_000;

    private RecordingCostMeasurement() {}

    public static void main(String[] args) {
        try (var context = ApplicationContext.run(Environment.TEST)) {
            var tenants = context.getBean(TenantRepository.class);
            var calls = context.getBean(CallRepository.class);
            var recorder = context.getBean(CallRecorder.class);
            var tenant = Fixtures.tenant("Measure");
            tenants.save(tenant);
            var call = Fixtures.call(tenant.id(), Fixtures.T0);
            calls.add(call);

            Consumer<Integer> before = n -> turn(call, n, calls::appendEvent, calls::saveMessage);
            Consumer<Integer> after = n -> turn(call, n, recorder::event, recorder::message);
            measure("warm-up sync", before, WARMUP);
            measure("warm-up recorder", after, WARMUP);
            recorder.flush(Duration.ofSeconds(60));
            var sync = measure("synchronous INSERTs (before)", before, TURNS);
            var queued = measure("batching recorder (after)", after, TURNS);
            long flushStart = System.nanoTime();
            recorder.flush(Duration.ofSeconds(60));
            System.out.printf("recorder flush after the run: %.1f ms; counts %s%n", (System.nanoTime() - flushStart) / 1e6, recorder.counts());
            System.out.printf("per turn on the turn's thread: before p50 %.3f ms, after p50 %.4f ms (%.0fx)%n",
                    sync, queued, sync / queued);
        }
    }

    private static void turn(Call call, int n, Consumer<CallEvent> event, Consumer<CallMessage> message) {
        var at = Instant.now();
        event.accept(CallEvent.of(call, at, "caller.said", Map.of("text", "Je voudrais un rendez-vous mardi " + n)));
        message.accept(CallMessage.of(call, CallMessage.Speaker.CALLER, "Je voudrais un rendez-vous mardi " + n, at));
        event.accept(CallEvent.of(call, at, "model.requested", Map.of("round", 1, "provider", "offline", "model", "demo", "turns", n)));
        event.accept(CallEvent.of(call, at, "model.first_token", Map.of("round", 1, "latencyMs", 3)));
        message.accept(CallMessage.of(call, CallMessage.Speaker.AGENT, "Bien sûr, à quelle heure ?", at));
        event.accept(CallEvent.of(call, at, "agent.said", Map.of("text", "Bien sûr, à quelle heure ?", "round", 1)));
    }

    /** @return the median milliseconds per turn */
    private static double measure(String name, Consumer<Integer> turn, int turns) {
        var nanos = new long[turns];
        for (int n = 0; n < turns; n++) {
            long start = System.nanoTime();
            turn.accept(n);
            nanos[n] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double p50 = nanos[turns / 2] / 1e6;
        System.out.printf("%-32s %d turns: p50 %.4f ms, p99 %.4f ms, max %.3f ms%n", name, turns, p50,
                nanos[turns * 99 / 100] / 1e6, nanos[turns - 1] / 1e6);
        return p50;
    }
}
