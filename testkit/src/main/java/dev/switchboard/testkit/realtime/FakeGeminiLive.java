package dev.switchboard.testkit.realtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback Gemini Live API (PROTOCOLS.md §12): {@code WS /ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent}
 * with the key in {@code x-goog-api-key} (as the official SDK sends it) or in {@code ?key=}. Each
 * API key is given its own {@link GeminiScript}, so parallel tests (each tenant with its own key)
 * never play each other's calls. As Gemini does, the socket is upgraded whatever the key and a
 * key it does not know is refused on {@code setup} by closing with 1007 "API key not valid"; the
 * server's messages are JSON in <em>binary</em> frames. A key marked {@link #unreachable} gets
 * its TCP connection closed with no answer. Every connection is recorded as a {@link GeminiLiveConnection}.
 */
public final class FakeGeminiLive extends LoopbackWebSocketServer {
    /** The path of the API-key endpoint. */
    public static final String PATH = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";
    private final Map<String, GeminiScript> scripts = new ConcurrentHashMap<>();
    private final Map<String, GeminiScript> resumedScripts = new ConcurrentHashMap<>();
    private final Set<String> issuedHandles = ConcurrentHashMap.newKeySet();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private final Map<String, List<GeminiLiveConnection>> sessions = new ConcurrentHashMap<>();

    private FakeGeminiLive() {
        super(PATH);
    }

    public static FakeGeminiLive start() {
        return new FakeGeminiLive();
    }

    /** Where the client connects: {@code ws://127.0.0.1:<port>/ws/…BidiGenerateContent}. */
    public String url() {
        return "ws://127.0.0.1:" + port() + PATH;
    }

    /** What a session opened with {@code apiKey} plays (each new session plays it from the start). */
    public FakeGeminiLive script(String apiKey, GeminiScript script) {
        scripts.put(apiKey, script);
        return this;
    }

    /**
     * What a connection with {@code apiKey} plays when its {@code setup} resumes a session with a
     * handle this fake issued (a handle it never issued is refused with 1008). Every connection
     * whose setup asks for {@code sessionResumption} is issued a handle right after {@code setupComplete}.
     */
    public FakeGeminiLive resumedScript(String apiKey, GeminiScript script) {
        resumedScripts.put(apiKey, script);
        return this;
    }

    /** Handshakes with {@code apiKey} get their connection dropped before any answer. */
    public FakeGeminiLive unreachable(String apiKey) {
        unreachable.add(apiKey);
        return this;
    }

    /** The sessions opened with {@code apiKey}, in order. */
    public List<GeminiLiveConnection> sessions(String apiKey) {
        return List.copyOf(sessions.getOrDefault(apiKey, List.of()));
    }

    /** Waits for the first session opened with {@code apiKey}. */
    public GeminiLiveConnection awaitSession(String apiKey, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            var list = sessions.get(apiKey);
            if (list != null && !list.isEmpty()) return list.get(0);
            Thread.sleep(20);
        }
        throw new AssertionError("no Gemini Live session was opened with that key within " + timeout);
    }

    @Override
    protected Optional<Refusal> refuse(String uri, Map<String, String> headers) {
        var key = key(uri, headers);
        return key != null && unreachable.contains(key) ? Optional.of(Refusal.DROP) : Optional.empty();
    }

    @Override
    protected Connection accepted(String uri, Map<String, String> headers, Socket socket) {
        var key = key(uri, headers);
        var session = new GeminiLiveConnection(uri, headers, socket, key == null ? null : scripts.get(key),
                key == null ? null : resumedScripts.get(key), issuedHandles);
        sessions.computeIfAbsent(key == null ? "" : key, k -> new CopyOnWriteArrayList<>()).add(session);
        return session;
    }

    private static String key(String uri, Map<String, String> headers) {
        var header = headers.get("x-goog-api-key");
        if (header != null) return header;
        int query = uri.indexOf('?');
        if (query < 0) return null;
        for (var pair : uri.substring(query + 1).split("&"))
            if (pair.startsWith("key=")) return URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
        return null;
    }
}
