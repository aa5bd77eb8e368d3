package dev.switchboard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Timeline events as the conversation writes them, and the meters they leave. */
class CallEventMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CallEventMeters meters = new CallEventMeters(registry);
    private final TenantId tenant = TenantId.parse(UUID.randomUUID().toString());
    private final CallId call = CallId.parse(UUID.randomUUID().toString());
    private final Instant start = Instant.parse("2026-12-03T10:00:00Z");

    private void event(long atMillis, String type, Map<String, Object> data) {
        meters.observed(new CallEvent(call, tenant, start.plusMillis(atMillis), type, data));
    }

    @Test
    void a_turn_with_a_tool_and_a_model_failure_leaves_its_meters() {
        event(0, "caller.said", Map.of("text", "Book me at 2pm"));
        event(10, "model.requested", Map.of("round", 0, "provider", "anthropic", "model", "claude", "turns", 1));
        event(350, "model.first_token", Map.of("round", 0, "latencyMs", 340L));
        event(400, "tool.result", Map.of("id", "t1", "name", "book_appointment", "outcome", "Booked", "durationMs", 25L));
        event(450, "tool.result", Map.of("id", "t2", "name", "send_sms", "outcome", "Failed", "durationMs", 5L));
        event(900, "agent.said", Map.of("text", "Booked.", "round", 1));
        event(1_000, "error", Map.of("stage", "model", "round", 2, "category", "TIMEOUT", "message", "slow"));
        event(1_100, "model.failed", Map.of("reason", "closed", "detail", ""));

        var firstToken = registry.get("switchboard.model.first_token").tag("provider", "anthropic").timer();
        assertThat(firstToken.count()).isEqualTo(1);
        assertThat(firstToken.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(340);
        var turn = registry.get("switchboard.turn").timer();
        assertThat(turn.count()).isEqualTo(1);
        assertThat(turn.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(900);
        assertThat(registry.get("switchboard.tool").tag("tool", "book_appointment").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(25);
        assertThat(registry.get("switchboard.tool").tag("tool", "send_sms").timer().count()).isEqualTo(1);
        assertThat(registry.get("switchboard.tool.failures").tag("tool", "send_sms").counter().count()).isEqualTo(1);
        assertThat(registry.find("switchboard.tool.failures").tag("tool", "book_appointment").counter()).isNull();
        assertThat(registry.get("switchboard.provider.errors").tags("provider", "anthropic", "kind", "TIMEOUT").counter().count()).isEqualTo(1);
        assertThat(registry.get("switchboard.provider.errors").tags("provider", "anthropic", "kind", "closed").counter().count()).isEqualTo(1);
    }

    @Test
    void an_answer_without_a_caller_turn_before_it_times_nothing_and_a_closed_call_is_forgotten() {
        event(0, "agent.said", Map.of("text", "Hello, how can I help?"));
        event(10, "caller.said", Map.of("text", "Hi"));
        event(20, "socket.closed", Map.of());
        event(30, "agent.said", Map.of("text", "late"));

        assertThat(registry.get("switchboard.turn").timer().count()).isZero();
    }

    @Test
    void a_stream_calls_start_is_timed_stage_by_stage() {
        event(0, "stream.started", Map.of("streamSid", "MZ1", "callSid", "CA1"));
        event(40, "model.connecting", Map.of("provider", "openai", "model", "gpt-realtime"));
        event(340, "model.connected", Map.of("provider", "openai", "heldFrames", 15));
        event(400, "model.ready", Map.of("provider", "openai", "model", "gpt-realtime"));

        var stages = java.util.List.of("prepare", "connect", "configure", "total");
        assertThat(stages.stream().map(stage -> registry.get("switchboard.stream.start").tag("stage", stage).timer())
                .map(t -> t.count() + " x " + (long) t.totalTime(TimeUnit.MILLISECONDS) + " ms").toList())
                .containsExactly("1 x 40 ms", "1 x 300 ms", "1 x 60 ms", "1 x 400 ms");
    }
}
