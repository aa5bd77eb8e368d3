package dev.switchboard.testkit.llm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server answering one path from a queue of {@link ScriptedResponse}s, in order,
 * and recording every request. Each exchange runs on its own thread, so a stalled answer never
 * holds up the next request. Thread-safe. Close it to stop (stalled answers are interrupted).
 */
public abstract class ScriptedSseServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CUT_LENGTH = 1L << 30;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "fake-llm-exchange");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<ScriptedResponse> script = new ConcurrentLinkedQueue<>();
    private final java.util.Map<String, ConcurrentLinkedQueue<ScriptedResponse>> byModel = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile String requiredApiKey;
    private volatile java.util.concurrent.CountDownLatch gate;

    /**
     * @param path the scripted endpoint, e.g. {@code /v1/messages}
     * @param modelsPath the provider's models list ({@code GET}), the cheapest authenticated request
     *     a key check makes: answered 200 with a one-model list, or this provider's 401 for a
     *     missing or wrong key; never scripted, never recorded (so it cannot disturb a test's script)
     */
    protected ScriptedSseServer(String path, String modelsPath) {
        this(path);
        server.createContext(modelsPath, this::models);
    }

    private void models(HttpExchange exchange) {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            var request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers(exchange), Map.of());
            var key = presentedKey(request);
            var response = key.isEmpty() || (requiredApiKey != null && !requiredApiKey.equals(key.get())) ? unauthorized()
                    : ScriptedResponse.json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\"}]}");
            send(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        var headers = new HashMap<String, String>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        return headers;
    }

    protected ScriptedSseServer(String path) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(path, this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:port}, without a trailing slash. */
    protected String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Queues the answers for the next requests, in order. */
    public void enqueue(ScriptedResponse... responses) {
        script.addAll(List.of(responses));
    }

    /**
     * Queues answers only for requests naming this {@code model}: tests sharing one server give
     * each call its own model name, so a late request of one test never eats another's answer.
     */
    public void enqueueFor(String model, ScriptedResponse... responses) {
        byModel.computeIfAbsent(model, m -> new ConcurrentLinkedQueue<>()).addAll(List.of(responses));
    }

    private ConcurrentLinkedQueue<ScriptedResponse> scriptFor(RecordedRequest request) {
        var model = request.body().get("model");
        var own = model == null ? null : byModel.get(model.toString());
        return own != null ? own : script;
    }

    /** Forgets queued answers and recorded requests, so one server can serve test after test. */
    public void reset() {
        script.clear();
        byModel.clear();
        requests.clear();
        requiredApiKey = null;
        gate = null;
    }

    /** How many queued answers no request has taken yet. */
    public int pending() {
        return script.size();
    }

    /**
     * Holds every answer until {@code gate} opens (counted down), however long that takes, as a
     * model that is slow to start: the test decides when the answer comes, no timing involved.
     * {@code null} lets answers go at once again.
     */
    public void holdAnswersUntil(java.util.concurrent.CountDownLatch gate) {
        this.gate = gate;
    }

    /** From now on, answer 401 unless the request presents this key. */
    public void requireApiKey(String key) {
        this.requiredApiKey = key;
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The only request received; fails if there were none or several. */
    public RecordedRequest onlyRequest() {
        var all = requests();
        if (all.size() != 1) throw new AssertionError("expected exactly one request, got " + all.size());
        return all.get(0);
    }

    /** The API key the request carries, however this provider's clients send it. */
    protected abstract Optional<String> presentedKey(RecordedRequest request);

    /** This provider's answer to a missing or wrong key. */
    protected abstract ScriptedResponse unauthorized();

    /** This provider's answer when the test scripted nothing for a request (400, never retried). */
    protected abstract ScriptedResponse unscripted();

    private void handle(HttpExchange exchange) {
        try {
            var request = record(exchange);
            requests.add(request);
            var key = presentedKey(request);
            ScriptedResponse response;
            if (key.isEmpty() || (requiredApiKey != null && !requiredApiKey.equals(key.get()))) response = unauthorized();
            else response = Optional.ofNullable(scriptFor(request).poll()).orElseGet(this::unscripted);
            var held = gate;
            if (held != null) held.await();
            send(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away or the script cut the connection: nothing more to do
        } finally {
            exchange.close();
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        var headers = new HashMap<String, String>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        var raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> body;
        try {
            body = raw.isBlank() ? Map.of() : JSON.readValue(raw, new TypeReference<Map<String, Object>>() {});
        } catch (IOException notJson) {
            body = Map.of();
        }
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
    }

    private static void send(HttpExchange exchange, ScriptedResponse response) throws IOException, InterruptedException {
        sleep(response.firstByteDelay());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        // A fixed length we never reach makes closing early a real cut: the client sees a truncated body.
        long length = response.disconnectAfter() >= 0 ? CUT_LENGTH : 0;
        exchange.sendResponseHeaders(response.status(), length);
        var out = exchange.getResponseBody();
        var pieces = response.pieces();
        for (int i = 0; i < pieces.size(); i++) {
            if (i == response.disconnectAfter()) return;
            if (i == response.stallAfter()) sleep(Duration.ofDays(1));
            if (i > 0) sleep(response.pieceDelay());
            out.write(pieces.get(i).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (response.stallAfter() >= pieces.size()) sleep(Duration.ofDays(1));
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) Thread.sleep(duration.toMillis());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
