package dev.switchboard.twilio.in;

import dev.switchboard.twilio.config.PublicUrl;
import dev.switchboard.twilio.config.SocketProperties;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every WebSocket upgrade, on any path, passes here before the 101. The route Micronaut matched
 * picks the socket's {@link SocketGate}; a socket without a gate is refused, so are non-upgrade
 * requests to a socket route. The gate (signature, tokens) and the call checks ({@link CallSockets})
 * run on a small bounded pool, never on the event loop; the verdict is handed back to the
 * connection's event loop before the upgrade goes on, so Netty switches the pipeline to WebSocket
 * before it reads the caller's first frame. A full pool answers 503 at once.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class SocketHandshakeGuard implements HttpServerFilter {
    private static final Logger LOG = LoggerFactory.getLogger(SocketHandshakeGuard.class);
    private final List<SocketGate> gates;
    private final CallSockets sockets;
    private final PublicUrl publicUrl;
    private final ThreadPoolExecutor pool;

    SocketHandshakeGuard(List<SocketGate> gates, CallSockets sockets, PublicUrl publicUrl, SocketProperties properties) {
        this.gates = List.copyOf(gates);
        this.sockets = sockets;
        this.publicUrl = publicUrl;
        var threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(properties.handshakeThreads(), properties.handshakeThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.handshakeQueue()), task -> {
                    var thread = new Thread(task, "socket-handshake-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        // Micronaut's own test for a socket route: the matched method handles opening or messages.
        var route = RouteAttributes.getRouteMatch(request).filter(r -> r.isAnnotationPresent(OnOpen.class) || r.isAnnotationPresent(OnMessage.class));
        var upgrade = isUpgrade(request);
        if (route.isEmpty() && !upgrade) return chain.proceed(request);
        if (route.isEmpty() || !upgrade || !(request instanceof NettyHttpRequest<?> netty))
            return refuse(request, HttpStatus.NOT_FOUND, upgrade ? "an upgrade to no socket of ours (route "
                    + RouteAttributes.getRouteMatch(request).map(Object::toString).orElse("none") + ")" : "a socket route without an upgrade");
        var gate = gates.stream().filter(g -> g.socket().isAssignableFrom(route.get().getRouteInfo().getDeclaringType())).findFirst();
        if (gate.isEmpty()) return refuse(request, HttpStatus.FORBIDDEN, "socket " + route.get().getRouteInfo().getDeclaringType().getName()
                + " has no SocketGate: every socket must say who may open it");
        var target = rawTarget(netty);
        if (target.isEmpty()) return refuse(request, HttpStatus.NOT_FOUND, "a request target that is not a path");
        var handshake = new Handshake(publicUrl.websocket(target.get()), request.getHeaders().get(SignedRequests.HEADER),
                pathVariables(route.get()), query(request));
        CompletableFuture<Object> verdict;
        try {
            verdict = CompletableFuture.supplyAsync(() -> decide(gate.get(), handshake), pool);
        } catch (RejectedExecutionException busy) {
            return refuse(request, HttpStatus.SERVICE_UNAVAILABLE, "every handshake thread is busy");
        }
        var loop = netty.getChannelHandlerContext().channel().eventLoop();
        return subscriber -> verdict.whenComplete((outcome, failure) -> loop.execute(() -> {
            if (outcome instanceof SocketTicket ticket) {
                request.setAttribute(SocketTicket.ATTRIBUTE, ticket);
                chain.proceed(request).subscribe(subscriber);
            } else {
                var reason = failure != null ? "the check failed: " + failure : String.valueOf(outcome);
                refuse(request, failure != null ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.FORBIDDEN, reason).subscribe(subscriber);
            }
        }));
    }

    /** @return a {@link SocketTicket}, or the reason for refusing */
    private Object decide(SocketGate gate, Handshake handshake) {
        var admission = gate.admit(handshake);
        if (admission instanceof Admission.Refused refused) return refused.reason();
        if (admission instanceof Admission.ForCall call) {
            var refusal = sockets.claim(gate.kind(), call.tenantId(), call.callId());
            if (refusal.isPresent()) return refusal.get();
            return new SocketTicket(gate.kind(), handshake, Optional.of(new SocketTicket.Bound(call.tenantId(), call.callId())));
        }
        return new SocketTicket(gate.kind(), handshake, Optional.empty());
    }

    private static Publisher<MutableHttpResponse<?>> refuse(HttpRequest<?> request, HttpStatus status, String reason) {
        LOG.warn("refused WebSocket handshake {} {}: {}", request.getMethod(), request instanceof NettyHttpRequest<?> netty ? netty.getNativeRequest().uri().replaceFirst("\\?.*", "") : request.getPath(), reason);
        return Publishers.just(Refusal.of(status, detail(status), request.getPath()));
    }

    /**
     * What the refused client is told: the kind of failure, not the reason in the log (which names
     * the check that failed, e.g. a call that already has its socket, and is for the operator only).
     */
    private static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "no WebSocket of ours answers this path (or this is not a WebSocket upgrade)";
            case SERVICE_UNAVAILABLE -> "the handshake could not be checked right now; try again";
            default -> "this WebSocket handshake is not signed by Twilio for a live call that has no socket yet";
        };
    }

    private static boolean isUpgrade(HttpRequest<?> request) {
        var connection = request.getHeaders().getAll("Connection");
        return connection.stream().anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("upgrade"))
                && request.getHeaders().getAll("Upgrade").stream().anyMatch("websocket"::equalsIgnoreCase);
    }

    /** The path and query exactly as the client sent them: what Twilio signed, not a decoded or normalised form. */
    private static Optional<String> rawTarget(NettyHttpRequest<?> request) {
        var target = request.getNativeRequest().uri();
        if (target.startsWith("/")) return Optional.of(target);
        int scheme = target.indexOf("://");
        if (scheme < 0) return Optional.empty();
        int path = target.indexOf('/', scheme + 3);
        return path < 0 ? Optional.empty() : Optional.of(target.substring(path));
    }

    private static Map<String, String> pathVariables(RouteMatch<?> route) {
        var variables = new HashMap<String, String>();
        if (route instanceof UriRouteMatch<?, ?> uri)
            uri.getVariableValues().forEach((name, value) -> { if (value != null) variables.put(name, value.toString()); });
        return variables;
    }

    private static Map<String, String> query(HttpRequest<?> request) {
        var query = new HashMap<String, String>();
        for (var name : request.getParameters().names()) request.getParameters().getFirst(name).ifPresent(v -> query.put(name, v));
        return query;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
