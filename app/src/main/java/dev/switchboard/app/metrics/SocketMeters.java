package dev.switchboard.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.event.WebSocketSessionClosedEvent;
import io.micronaut.websocket.event.WebSocketSessionOpenEvent;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open WebSocket sessions, from Micronaut's own open/close events: a live relay or stream call
 * holds exactly one Twilio socket, so the sockets by path are the active calls per runtime
 * (a Vapi call has no socket here: Vapi carries it).
 */
@Singleton
final class SocketMeters implements MeterBinder {
    private final AtomicInteger relay = new AtomicInteger();
    private final AtomicInteger stream = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("switchboard.calls.active", relay, AtomicInteger::get).tag("runtime", "relay")
                .description("Calls with a live Twilio socket on this instance, by runtime").register(registry);
        Gauge.builder("switchboard.calls.active", stream, AtomicInteger::get).tag("runtime", "stream")
                .description("Calls with a live Twilio socket on this instance, by runtime").register(registry);
        Gauge.builder("switchboard.sockets.open", open, AtomicInteger::get)
                .description("WebSocket sessions open on this instance").register(registry);
    }

    @EventListener
    void opened(WebSocketSessionOpenEvent event) {
        open.incrementAndGet();
        var runtime = runtime(event.getSource());
        if (runtime != null) runtime.incrementAndGet();
    }

    @EventListener
    void closed(WebSocketSessionClosedEvent event) {
        open.decrementAndGet();
        var runtime = runtime(event.getSource());
        if (runtime != null) runtime.decrementAndGet();
    }

    private AtomicInteger runtime(WebSocketSession session) {
        var path = session.getRequestURI() == null ? "" : session.getRequestURI().getPath();
        if (path.startsWith("/webhooks/twilio/relay")) return relay;
        if (path.startsWith("/webhooks/twilio/stream")) return stream;
        return null;
    }
}
