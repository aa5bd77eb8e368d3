package dev.switchboard.app.metrics;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallEventObserver;
import dev.switchboard.domain.call.CallId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Meters read off the calls' timelines as they are recorded, so the conversation code stays
 * free of Micrometer: first-token latency per provider, turn latency (caller's words to the
 * agent's complete answer), tool duration and failures per tool, provider errors per provider
 * and kind. Meters are created once per tag set and cached; an event costs a switch on its type.
 */
@Singleton
final class CallEventMeters implements CallEventObserver {
    /** Calls whose turn is open; bounded so calls that end without a socket close cannot grow it. */
    private static final int MAX_TRACKED_CALLS = 50_000;

    /** What a call's earlier events said that a later one needs: its provider, when the caller last spoke. */
    private static final class CallState {
        volatile String provider = "unknown";
        volatile Instant callerSaidAt;
    }

    private final MeterRegistry registry;
    private final Map<CallId, CallState> calls = new ConcurrentHashMap<>();
    private final Map<String, Timer> firstToken = new ConcurrentHashMap<>();
    private final Map<String, Timer> tools = new ConcurrentHashMap<>();
    private final Map<String, Counter> toolFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> providerErrors = new ConcurrentHashMap<>();
    private final Timer turn;

    CallEventMeters(MeterRegistry registry) {
        this.registry = registry;
        this.turn = Timer.builder("switchboard.turn").description("From the caller's words to the agent's complete answer (relay)")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void observed(CallEvent event) {
        switch (event.type()) {
            case "model.requested", "model.connecting" -> state(event).provider = text(event, "provider");
            case "caller.said" -> state(event).callerSaidAt = event.at();
            case "agent.said" -> agentSaid(event);
            case "model.first_token" -> firstToken(event);
            case "tool.result" -> tool(event);
            case "error" -> {
                if ("model".equals(event.data().get("stage"))) providerError(event, text(event, "category"));
            }
            case "model.failed" -> providerError(event, text(event, "reason"));
            case "model.error" -> providerError(event, "error " + text(event, "code"));
            case "socket.closed", "stream.socket.closed", "stream.stopped" -> calls.remove(event.callId());
            default -> { }
        }
    }

    private CallState state(CallEvent event) {
        if (calls.size() >= MAX_TRACKED_CALLS && !calls.containsKey(event.callId())) calls.clear();
        return calls.computeIfAbsent(event.callId(), id -> new CallState());
    }

    private void agentSaid(CallEvent event) {
        var state = calls.get(event.callId());
        if (state == null || state.callerSaidAt == null) return;
        var took = Duration.between(state.callerSaidAt, event.at());
        state.callerSaidAt = null;
        if (!took.isNegative()) turn.record(took);
    }

    private void firstToken(CallEvent event) {
        if (!(event.data().get("latencyMs") instanceof Number ms)) return;
        var state = calls.get(event.callId());
        var provider = state == null ? "unknown" : state.provider;
        firstToken.computeIfAbsent(provider, p -> Timer.builder("switchboard.model.first_token")
                        .description("From a model request to its first token").tag("provider", p)
                        .publishPercentileHistogram().register(registry))
                .record(ms.longValue(), TimeUnit.MILLISECONDS);
    }

    private void tool(CallEvent event) {
        var name = text(event, "name");
        if (event.data().get("durationMs") instanceof Number ms)
            tools.computeIfAbsent(name, n -> Timer.builder("switchboard.tool").description("How long a tool ran")
                    .tag("tool", n).register(registry)).record(ms.longValue(), TimeUnit.MILLISECONDS);
        if ("Failed".equals(event.data().get("outcome")))
            toolFailures.computeIfAbsent(name, n -> Counter.builder("switchboard.tool.failures")
                    .description("Tool runs that failed (reported to the model)").tag("tool", n).register(registry)).increment();
    }

    private void providerError(CallEvent event, String kind) {
        var state = calls.get(event.callId());
        var provider = state == null ? "unknown" : state.provider;
        providerErrors.computeIfAbsent(provider + '\n' + kind, key -> Counter.builder("switchboard.provider.errors")
                .description("Model provider failures during calls").tag("provider", provider).tag("kind", kind)
                .register(registry)).increment();
    }

    private static String text(CallEvent event, String key) {
        var value = event.data().get(key);
        return value == null || value.toString().isBlank() ? "unknown" : value.toString();
    }
}
