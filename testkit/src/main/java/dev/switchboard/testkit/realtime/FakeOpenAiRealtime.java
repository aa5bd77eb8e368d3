package dev.switchboard.testkit.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback OpenAI Realtime API in the GA dialect (PROTOCOLS.md §10): {@code WS /v1/realtime?model=…}
 * with {@code Authorization: Bearer <key>}. Each API key is given its own {@link RealtimeScript},
 * so parallel tests (each tenant with its own key) never play each other's calls; a key with no
 * script is refused before the upgrade with 401 {@code invalid_api_key}, as OpenAI refuses a
 * wrong key. Every connection is recorded as a {@link RealtimeSession}.
 *
 * <pre>{@code
 * try (var fake = FakeOpenAiRealtime.start()) {
 *     fake.script("sk-test-1", RealtimeScript.builder().say("Hello.", Duration.ofMillis(600)).build());
 *     // point SWITCHBOARD_OPENAI_REALTIME_URL at fake.url()
 * }
 * }</pre>
 */
public final class FakeOpenAiRealtime extends LoopbackWebSocketServer {
    private final Map<String, RealtimeScript> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<RealtimeSession>> sessions = new ConcurrentHashMap<>();
    private final java.util.Set<String> unreachable = ConcurrentHashMap.newKeySet();

    private FakeOpenAiRealtime() {
        super("/v1/realtime");
    }

    public static FakeOpenAiRealtime start() {
        return new FakeOpenAiRealtime();
    }

    /** Where the client connects: {@code ws://127.0.0.1:<port>/v1/realtime} (the model goes in the query). */
    public String url() {
        return "ws://127.0.0.1:" + port() + "/v1/realtime";
    }

    /** What a session opened with {@code apiKey} plays (each new session plays it from the start). */
    public FakeOpenAiRealtime script(String apiKey, RealtimeScript script) {
        scripts.put(apiKey, script);
        return this;
    }

    /** Handshakes with {@code apiKey} get their connection dropped before any answer (OpenAI cannot be reached). */
    public FakeOpenAiRealtime unreachable(String apiKey) {
        unreachable.add(apiKey);
        return this;
    }

    /** The sessions opened with {@code apiKey}, in order. */
    public List<RealtimeSession> sessions(String apiKey) {
        return List.copyOf(sessions.getOrDefault(apiKey, List.of()));
    }

    /** Waits for the first session opened with {@code apiKey}. */
    public RealtimeSession awaitSession(String apiKey, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            var list = sessions.get(apiKey);
            if (list != null && !list.isEmpty()) return list.get(0);
            Thread.sleep(20);
        }
        throw new AssertionError("no Realtime session was opened with that key within " + timeout);
    }

    @Override
    protected Optional<Refusal> refuse(String uri, Map<String, String> headers) {
        var key = key(headers);
        if (key != null && unreachable.contains(key)) return Optional.of(Refusal.DROP);
        if (key == null || !scripts.containsKey(key))
            return Optional.of(new Refusal(401, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\","
                    + "\"message\":\"Incorrect API key provided.\",\"param\":null}}"));
        if (headers.containsKey("OpenAI-Beta"))
            return Optional.of(new Refusal(400, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"beta_api_shape_disabled\","
                    + "\"message\":\"fake: the GA endpoint takes no OpenAI-Beta header\",\"param\":null}}"));
        return Optional.empty();
    }

    @Override
    protected Connection accepted(String uri, Map<String, String> headers, Socket socket) {
        var key = key(headers);
        var session = new RealtimeSession(uri, headers, socket, scripts.get(key));
        sessions.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(session);
        return session;
    }

    private static String key(Map<String, String> headers) {
        var authorization = headers.get("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }
}
