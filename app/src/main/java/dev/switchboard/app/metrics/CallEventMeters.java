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
        /** A stream call's start, stage by stage: {@code stream.started}, {@code model.connecting}, {@code model.connected}. */
        volatile Instant streamStartedAt;
        volatile Instant connectingAt;
        volatile Instant connectedAt;
    }

    private final MeterRegistry registry;
    private final Map<CallId, CallState> calls = new ConcurrentHashMap<>();
    private final Map<String, Timer> firstToken = new ConcurrentHashMap<>();
    private final Map<String, Timer> tools = new ConcurrentHashMap<>();
    private final Map<String, Counter> toolFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> providerErrors = new ConcurrentHashMap<>();
    private final Timer turn;
    private final Map<String, Timer> streamStart = new ConcurrentHashMap<>();

    CallEventMeters(MeterRegistry registry) {
        this.registry = registry;
        this.turn = Timer.builder("switchboard.turn").description("From the caller's words to the agent's complete answer (relay)")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void observed(CallEvent event) {
        switch (event.type()) {
            case "model.requested" -> state(event).provider = text(event, "provider");
            case "stream.started" -> state(event).streamStartedAt = event.at();
            case "model.connecting" -> {
                var state = state(event);
                state.provider = text(event, "provider");
                state.connectingAt = event.at();
                streamStage(event, "prepare", state.streamStartedAt);
            }
            case "model.connected" -> {
                var state = state(event);
                state.connectedAt = event.at();
                streamStage(event, "connect", state.connectingAt);
            }
            case "model.ready" -> {
                var state = calls.get(event.callId());
                if (state != null) {
                    streamStage(event, "configure", state.connectedAt);
                    streamStage(event, "total", state.streamStartedAt);
                }
            }
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

    /**
     * One stage of a stream call's start, from {@code since} to this event: prepare (the stream's
     * {@code start} to the model's socket being asked for: the call, assistant, prompt and quota),
     * connect (to the socket open), configure (to the session taken), total (start to ready).
     * A slow start that hands calls off is attributed by these, not guessed.
     */
    private void streamStage(CallEvent event, String stage, Instant since) {
        if (since == null) return;
        var took = Duration.between(since, event.at());
        if (took.isNegative()) return;
        streamStart.computeIfAbsent(stage, s -> Timer.builder("switchboard.stream.start")
                        .description("A stream call's start, by stage: prepare, connect, configure, total (stream start to model ready)")
                        .tag("stage", s).publishPercentileHistogram().register(registry))
                .record(took);
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
