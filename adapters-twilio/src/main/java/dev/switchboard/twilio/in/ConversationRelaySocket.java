package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.conversation.LiveCalls;
import dev.switchboard.domain.conversation.StartConversation;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.annotation.PreDestroy;
import io.micronaut.security.annotation.Secured;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code WS /webhooks/twilio/relay}: a ConversationRelay session. Twilio sends what the caller
 * says as text; the engine answers with streamed tokens. Bad frames are noted on the timeline
 * only — Twilio accepts nothing but {@code text}, {@code play}, {@code sendDigits}, {@code language}
 * and {@code end} (PROTOCOLS.md §6.2) — and never end the call. Whole messages are capped in the
 * Netty pipeline ({@link WebSocketMessageCap}) before they get here.
 */
@ServerWebSocket(TwilioVoiceWebhook.RELAY_PATH)
@Secured("isAnonymous()")
final class ConversationRelaySocket {
    private static final String STATE = "relay";
    /**
     * The bounded pool relay turns run on (defined by the app, {@code switchboard.calls.turn-threads});
     * never Micronaut's unbounded {@code io} pool (issue 9 §5).
     */
    static final String CALL_TURNS = "call-turns";
    private static final java.util.concurrent.atomic.AtomicLong RETRY_THREADS = new java.util.concurrent.atomic.AtomicLong();
    /** One small thread re-offers to the pool the lanes it refused while full. */
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "call-turn-retry-" + RETRY_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final StartConversation startConversation;
    private final CallRecorder recorder;
    private final JsonMapper json;
    private final ExecutorService pool;
    private final Clock clock;
    private final RelayMessages messages;
    private final LiveCalls live;

    ConversationRelaySocket(StartConversation startConversation, CallRecorder recorder, JsonMapper json,
                            @Named(CALL_TURNS) ExecutorService pool, Clock clock, LiveCalls live) {
        this.startConversation = startConversation;
        this.recorder = recorder;
        this.json = json;
        this.pool = pool;
        this.clock = clock;
        this.messages = new RelayMessages(startConversation);
        this.live = live;
    }

    /** Only a socket the handshake guard admitted and bound to a call gets a session; anything else closes at once. */
    @OnOpen
    void open(WebSocketSession session, HttpRequest<?> request) {
        var bound = SocketTicket.of(request).flatMap(SocketTicket::call);
        if (bound.isEmpty()) {
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        var call = bound.get().callId();
        var relay = new RelaySession(bound.get().tenantId(), call, new RelayOutput(session, json, call.toString()), pool, retries,
                recorder, clock);
        session.put(STATE, relay);
        live.opened(relay);
        relay.inbox.execute(() -> relay.event("socket.connected", Map.of("sessionId", session.getId())));
    }

    /**
     * Called on the event loop: hands the frame to the session's inbox and returns at once. Bytes,
     * not a String: Micronaut would turn a binary frame or malformed UTF-8 into text ({@link InboundText}).
     */
    @OnMessage
    void message(byte[] bytes, WebSocketSession session) {
        var relay = session.get(STATE, RelaySession.class).orElse(null);
        if (relay == null) return;
        var inbound = InboundText.of(bytes);
        if (inbound instanceof InboundText.Text text) relay.inbox.execute(() -> handle(relay, text.value()));
        else relay.inbox.execute(() -> reject(relay, ((InboundText.Refused) inbound).reason()));
    }

    private void handle(RelaySession relay, String text) {
        JsonNode node;
        try {
            node = json.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (Exception e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            reject(relay, "not a JSON object");
            return;
        }
        String problem;
        try {
            problem = messages.handle(relay, node);
        } catch (RuntimeException e) {
            // e.g. the database is down while binding the call: apologise rather than leave silence.
            relay.technicalProblem("relay-socket", e);
            return;
        }
        if (problem != null) reject(relay, problem);
    }

    @OnClose
    void close(WebSocketSession session, CloseReason reason) {
        session.get(STATE, RelaySession.class).ifPresent(relay -> live.closed(relay));
        session.get(STATE, RelaySession.class).ifPresent(relay -> relay.inbox.execute(() -> {
            // After the frames already queued (they are quick): the caller is gone, stop the turn.
            var conversation = relay.conversation();
            if (conversation != null) conversation.callEnded("socket closed");
            var data = new HashMap<String, Object>();
            data.put("code", reason == null ? -1 : reason.getCode());
            relay.event("socket.closed", data);
        }));
    }

    @PreDestroy
    void stopRetrying() {
        retries.shutdown();
    }

    /** On the timeline only: Twilio would log an {@code error} message as 64107 in the tenant's debugger and ignore it. */
    private static void reject(RelaySession relay, String problem) {
        relay.event("error", Map.of("stage", "relay-socket", "message", problem));
    }
}
