package dev.switchboard.testkit.vapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A stateful fake of Vapi's REST API on loopback (PROTOCOLS.md §9): {@code /assistant} and
 * {@code /phone-number} CRUD with Vapi's status codes (create 201, else 200, bare JSON arrays),
 * bearer-key check, strict validation of the whole body, nested objects included ({@link AssistantSchema}:
 * unknown or ill-typed fields anywhere in {@code model}, {@code model.tools[]}, {@code destinations},
 * {@code voice}, {@code transcriber}, {@code server}; Twilio imports without credentials → 400 in
 * Vapi's NestJS error shape), {@code POST /call} for outbound phone calls (an assistant by id or
 * transient, an imported number by id or a transient Twilio line whose credentials must be ones
 * Vapi accepts, {@code customer.number} in E.164, {@code assistantOverrides} checked field by field;
 * answers 201 with the call, {@code outboundPhoneCall}, {@code queued}), per-endpoint error
 * injection (any status, or a hang past the client's timeout), and dashboard edits to test drift.
 * Thread-safe.
 */
public final class FakeVapi implements AutoCloseable {
    /** The endpoints failures can be injected into. */
    public enum Endpoint { CREATE_ASSISTANT, LIST_ASSISTANTS, GET_ASSISTANT, UPDATE_ASSISTANT, DELETE_ASSISTANT,
        CREATE_PHONE_NUMBER, LIST_PHONE_NUMBERS, GET_PHONE_NUMBER, UPDATE_PHONE_NUMBER, DELETE_PHONE_NUMBER, CREATE_CALL, GET_CALL }

    /**
     * An injected failure: an HTTP status with Vapi's error body, or no answer for {@code hang}.
     *
     * @param applied the request takes effect before the answer is lost (a timeout after Vapi committed)
     */
    public record Failure(int status, String message, Duration hang, boolean onlyOnce, boolean applied) {
        public static Failure status(int status, String message) {
            return new Failure(status, message, null, false, false);
        }

        public static Failure timeout(Duration hang) {
            return new Failure(0, null, hang, false, false);
        }

        /** Vapi does what was asked, but its answer never arrives in time: the client cannot know it worked. */
        public static Failure timeoutAfterApplying(Duration hang) {
            return new Failure(0, null, hang, false, true);
        }

        public Failure once() {
            return new Failure(status, message, hang, true, applied);
        }
    }

    /**
     * Requests to one endpoint, held unanswered until the test {@linkplain #release() releases} them;
     * then they are answered as usual. Lets a test show that something answers <em>before</em> a slow
     * Vapi does, without measuring time.
     */
    public static final class Hold implements AutoCloseable {
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

        /** How many requests are held right now (arrived, not yet answered). */
        public int waiting() {
            return waiting.get();
        }

        public boolean isReleased() {
            return released.getCount() == 0;
        }

        /** Lets the held requests (and any later ones) through. */
        public void release() {
            released.countDown();
        }

        @Override
        public void close() {
            release();
        }

        private void await() {
            waiting.incrementAndGet();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    /** One request as the fake received it. */
    public record Request(String method, String path, String authorization, JsonNode body) {}

    private static final Set<String> NUMBER_FIELDS = Set.of("provider", "number", "twilioAccountSid", "twilioAuthToken",
            "twilioApiKey", "twilioApiSecret", "name", "assistantId", "squadId", "workflowId", "server", "smsEnabled",
            "fallbackDestination", "hooks");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Set<String> CALL_FIELDS = Set.of("assistantId", "assistant", "assistantOverrides", "squadId", "squad",
            "workflowId", "workflow", "phoneNumberId", "phoneNumber", "customer", "customerId", "name", "schedulePlan", "transport");
    private static final Set<String> LINE_FIELDS = Set.of("twilioPhoneNumber", "twilioAccountSid", "twilioAuthToken", "twilioApiKey",
            "twilioApiSecret", "name", "smsEnabled");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("variableValues", "metadata", "model", "firstMessage", "firstMessageMode",
            "voice", "transcriber", "voicemailMessage", "endCallMessage", "endCallPhrases", "maxDurationSeconds", "server", "serverMessages");
    private static final Set<String> OVERRIDE_MODEL_FIELDS = Set.of("provider", "model", "messages", "temperature", "maxTokens", "tools",
            "toolIds");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final String apiKey;
    private final String orgId = UUID.randomUUID().toString();
    private final Map<String, ObjectNode> assistants = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ObjectNode> numbers = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ObjectNode> calls = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Endpoint, Failure> failures = Collections.synchronizedMap(new EnumMap<>(Endpoint.class));
    private final Map<Endpoint, Hold> holds = Collections.synchronizedMap(new EnumMap<>(Endpoint.class));
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> twilioAccounts = Map.of();
    /** Set while a request is applied whose answer will be lost: {@link #send} then writes nothing. */
    private final ThreadLocal<Boolean> unanswered = new ThreadLocal<>();

    private FakeVapi(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "fake-vapi");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake organisation that accepts {@code apiKey} as its private key. */
    public static FakeVapi start(String apiKey) {
        try {
            return new FakeVapi(apiKey);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Twilio accounts Vapi can import numbers from (account SID → auth token); others are refused with 400. */
    public void acceptTwilio(String accountSid, String authToken) {
        var copy = new LinkedHashMap<>(twilioAccounts);
        copy.put(accountSid, authToken);
        twilioAccounts = Map.copyOf(copy);
    }

    public void fail(Endpoint endpoint, Failure failure) {
        failures.put(endpoint, failure);
    }

    public void clearFailures() {
        failures.clear();
    }

    /** Holds every request to {@code endpoint} unanswered until the returned hold is released (or the fake is reset or closed). */
    public Hold hold(Endpoint endpoint) {
        var hold = new Hold();
        var previous = holds.put(endpoint, hold);
        if (previous != null) previous.release();
        return hold;
    }

    /**
     * Forgets the request log and injected failures, so a fake shared by a test class starts each
     * test clean (call it from {@code @BeforeEach}). The organisation's assistants and numbers stay:
     * tests sharing a fake keep to their own by id or metadata.
     */
    public void reset() {
        requests.clear();
        failures.clear();
        releaseHolds();
    }

    private void releaseHolds() {
        synchronized (holds) {
            holds.values().forEach(Hold::release);
            holds.clear();
        }
    }

    /** Someone edits the assistant in Vapi's dashboard. */
    public void editFromDashboard(String assistantId, Consumer<ObjectNode> edit) {
        synchronized (assistants) {
            var assistant = assistants.get(assistantId);
            if (assistant == null) throw new IllegalArgumentException("no assistant " + assistantId);
            edit.accept(assistant);
            assistant.put("updatedAt", Instant.now().toString());
        }
    }

    /** Someone deletes the assistant in Vapi's dashboard. */
    public void deleteFromDashboard(String assistantId) {
        assistants.remove(assistantId);
    }

    /** A number that is already in Vapi (imported by hand), optionally with an assistant. */
    public String addNumber(String e164, String assistantId) {
        var id = UUID.randomUUID().toString();
        var number = json.createObjectNode().put("id", id).put("orgId", orgId).put("provider", "twilio").put("number", e164)
                .put("status", "active").put("createdAt", Instant.now().toString());
        if (assistantId != null) number.put("assistantId", assistantId);
        numbers.put(id, number);
        return id;
    }

    public List<JsonNode> assistants() {
        synchronized (assistants) {
            return assistants.values().stream().map(a -> (JsonNode) a.deepCopy()).toList();
        }
    }

    public JsonNode assistant(String id) {
        synchronized (assistants) {
            var a = assistants.get(id);
            return a == null ? null : a.deepCopy();
        }
    }

    public List<JsonNode> phoneNumbers() {
        synchronized (numbers) {
            return numbers.values().stream().map(n -> (JsonNode) n.deepCopy()).toList();
        }
    }

    /** The calls placed with {@code POST /call}, oldest first, as Vapi answered them. */
    public List<JsonNode> calls() {
        synchronized (calls) {
            return calls.values().stream().map(c -> (JsonNode) c.deepCopy()).toList();
        }
    }

    /** Every request received since the fake started or was last {@link #reset()}, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        releaseHolds();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var method = exchange.getRequestMethod();
            var path = exchange.getRequestURI().getPath();
            var raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = null;
            if (!raw.isBlank()) {
                try {
                    body = json.readTree(raw);
                } catch (IOException e) {
                    send(exchange, 400, error(400, "Bad Request", "body is not JSON"));
                    return;
                }
            }
            var authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(method, path, authorization, body));
            var endpoint = endpoint(method, path);
            if (endpoint == null) {
                send(exchange, 404, error(404, "Not Found", "Cannot " + method + " " + path));
                return;
            }
            if (!("Bearer " + apiKey).equals(authorization)) {
                send(exchange, 401, error(401, "Unauthorized", "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa."));
                return;
            }
            var hold = holds.get(endpoint);
            if (hold != null) hold.await();
            var failure = failures.get(endpoint);
            if (failure != null) {
                if (failure.onlyOnce()) failures.remove(endpoint);
                if (failure.applied()) {
                    unanswered.set(true);
                    try {
                        route(exchange, endpoint, path, body);
                    } finally {
                        unanswered.remove();
                    }
                }
                if (failure.hang() != null) {
                    sleep(failure.hang());
                    send(exchange, 504, error(504, "Gateway Timeout", "too late"));
                } else {
                    send(exchange, failure.status(), error(failure.status(), reason(failure.status()), failure.message()));
                }
                return;
            }
            route(exchange, endpoint, path, body);
        } catch (RuntimeException e) {
            // A bug in the fake must show up in the test, not as a hung client.
            try {
                send(exchange, 500, error(500, "Internal Server Error", "fake failed: " + e));
            } catch (IOException ignored) {
                // The client is gone.
            }
        }
    }

    private void route(HttpExchange exchange, Endpoint endpoint, String path, JsonNode body) throws IOException {
        var id = lastSegment(path);
        switch (endpoint) {
            case CREATE_ASSISTANT -> {
                var problems = validateAssistant(body);
                if (!problems.isEmpty()) {
                    send(exchange, 400, error(400, "Bad Request", problems));
                    return;
                }
                var created = ((ObjectNode) body).deepCopy();
                var newId = UUID.randomUUID().toString();
                var now = Instant.now().toString();
                created.put("id", newId).put("orgId", orgId).put("createdAt", now).put("updatedAt", now);
                assistants.put(newId, created);
                send(exchange, 201, created);
            }
            case LIST_ASSISTANTS -> send(exchange, 200, array(assistants()));
            case GET_ASSISTANT -> {
                var found = assistant(id);
                if (found == null) send(exchange, 404, error(404, "Not Found", "Couldn't Get Assistant. Assistant Not Found"));
                else send(exchange, 200, found);
            }
            case UPDATE_ASSISTANT -> {
                var problems = validateAssistant(body);
                if (!problems.isEmpty()) {
                    send(exchange, 400, error(400, "Bad Request", problems));
                    return;
                }
                JsonNode updated;
                synchronized (assistants) {
                    var existing = assistants.get(id);
                    if (existing == null) {
                        send(exchange, 404, error(404, "Not Found", "Couldn't Update Assistant. Assistant Not Found"));
                        return;
                    }
                    // Nested objects are replaced whole, as PROTOCOLS.md §9.1 says to send them.
                    body.fields().forEachRemaining(f -> existing.set(f.getKey(), f.getValue().deepCopy()));
                    existing.put("updatedAt", Instant.now().toString());
                    updated = existing.deepCopy();
                }
                send(exchange, 200, updated);
            }
            case DELETE_ASSISTANT -> {
                var removed = assistants.remove(id);
                if (removed == null) send(exchange, 404, error(404, "Not Found", "Couldn't Delete Assistant. Assistant Not Found"));
                else send(exchange, 200, removed);
            }
            case CREATE_PHONE_NUMBER -> createNumber(exchange, body);
            case LIST_PHONE_NUMBERS -> send(exchange, 200, array(phoneNumbers()));
            case GET_PHONE_NUMBER -> {
                var found = numbers.get(id);
                if (found == null) send(exchange, 404, error(404, "Not Found", "Phone Number Not Found"));
                else send(exchange, 200, found.deepCopy());
            }
            case UPDATE_PHONE_NUMBER -> {
                var unknown = validateNumber(body);
                if (!unknown.isEmpty()) {
                    send(exchange, 400, error(400, "Bad Request", unknown));
                    return;
                }
                JsonNode updated;
                synchronized (numbers) {
                    var existing = numbers.get(id);
                    if (existing == null) {
                        send(exchange, 404, error(404, "Not Found", "Phone Number Not Found"));
                        return;
                    }
                    var assistantId = body.path("assistantId");
                    if (assistantId.isTextual() && !assistants.containsKey(assistantId.asText())) {
                        send(exchange, 400, error(400, "Bad Request", "Assistant " + assistantId.asText() + " not found"));
                        return;
                    }
                    body.fields().forEachRemaining(f -> existing.set(f.getKey(), f.getValue().deepCopy()));
                    existing.put("updatedAt", Instant.now().toString());
                    updated = existing.deepCopy();
                }
                send(exchange, 200, updated);
            }
            case CREATE_CALL -> createCall(exchange, body);
            case GET_CALL -> {
                var found = calls.get(id);
                if (found == null) send(exchange, 404, error(404, "Not Found", "Call Not Found"));
                else send(exchange, 200, found.deepCopy());
            }
            case DELETE_PHONE_NUMBER -> {
                var removed = numbers.remove(id);
                if (removed == null) send(exchange, 404, error(404, "Not Found", "Phone Number Not Found"));
                else send(exchange, 200, removed);
            }
        }
    }

    private void createNumber(HttpExchange exchange, JsonNode body) throws IOException {
        var problems = new ArrayList<>(validateNumber(body));
        if (!"twilio".equals(body.path("provider").asText())) problems.add("provider must be one of twilio, vonage, vapi, telnyx, byo-phone-number");
        var number = body.path("number").asText("");
        if (!E164.matcher(number).matches()) problems.add("number must be a valid phone number in E.164 format");
        var sid = body.path("twilioAccountSid").asText("");
        var token = body.path("twilioAuthToken").asText("");
        if (sid.isEmpty()) problems.add("twilioAccountSid should not be empty");
        if (token.isEmpty() && body.path("twilioApiKey").asText("").isEmpty()) problems.add("twilioAuthToken or twilioApiKey and twilioApiSecret must be provided");
        var assistantId = body.path("assistantId");
        if (assistantId.isTextual() && !assistants.containsKey(assistantId.asText())) problems.add("Assistant " + assistantId.asText() + " not found");
        if (!problems.isEmpty()) {
            send(exchange, 400, error(400, "Bad Request", problems));
            return;
        }
        if (!token.equals(twilioAccounts.get(sid))) {
            send(exchange, 400, error(400, "Bad Request", "Twilio Error: Authenticate. Check twilioAccountSid and twilioAuthToken."));
            return;
        }
        synchronized (numbers) {
            if (numbers.values().stream().anyMatch(n -> number.equals(n.path("number").asText()))) {
                send(exchange, 400, error(400, "Bad Request", "Number " + number + " already exists in this org"));
                return;
            }
            var created = ((ObjectNode) body).deepCopy();
            created.remove("twilioAuthToken");
            var id = UUID.randomUUID().toString();
            var now = Instant.now().toString();
            created.put("id", id).put("orgId", orgId).put("status", "active").put("createdAt", now).put("updatedAt", now);
            numbers.put(id, created);
            send(exchange, 201, created.deepCopy());
        }
    }

    /** {@code POST /call} (Vapi's CreateCallDTO, an outbound phone call). */
    private void createCall(HttpExchange exchange, JsonNode body) throws IOException {
        var problems = new ArrayList<>(unknownFields(body, CALL_FIELDS));
        if (body == null) {
            send(exchange, 400, error(400, "Bad Request", problems));
            return;
        }
        var customer = body.path("customer").path("number").asText("");
        if (!E164.matcher(customer).matches()) problems.add("customer.number must be a valid phone number in the E.164 format");
        if (body.has("assistantId") == body.has("assistant")) problems.add("exactly one of assistantId or assistant must be provided");
        if (body.path("assistantId").isTextual() && !assistants.containsKey(body.get("assistantId").asText()))
            problems.add("Assistant " + body.get("assistantId").asText() + " not found");
        if (body.has("assistant")) AssistantSchema.problems(body.get("assistant")).forEach(p -> problems.add("assistant." + p));
        if (body.has("phoneNumberId") == body.has("phoneNumber")) problems.add("exactly one of phoneNumberId or phoneNumber must be provided");
        if (body.path("phoneNumberId").isTextual() && !numbers.containsKey(body.get("phoneNumberId").asText()))
            problems.add("Phone Number " + body.get("phoneNumberId").asText() + " not found");
        var line = body.path("phoneNumber");
        if (body.has("phoneNumber")) {
            unknownFields(line, LINE_FIELDS).forEach(p -> problems.add("phoneNumber." + p));
            if (!E164.matcher(line.path("twilioPhoneNumber").asText("")).matches())
                problems.add("phoneNumber.twilioPhoneNumber must be a valid phone number in the E.164 format");
        }
        if (body.has("assistantOverrides")) problems.addAll(overrideProblems(body.get("assistantOverrides")));
        if (!problems.isEmpty()) {
            send(exchange, 400, error(400, "Bad Request", problems));
            return;
        }
        if (body.has("phoneNumber")) {
            var sid = line.path("twilioAccountSid").asText("");
            if (!line.path("twilioAuthToken").asText("").equals(twilioAccounts.get(sid))) {
                send(exchange, 400, error(400, "Bad Request", "Twilio Error: Authenticate. Check twilioAccountSid and twilioAuthToken."));
                return;
            }
        }
        var created = json.createObjectNode();
        var id = UUID.randomUUID().toString();
        var now = Instant.now().toString();
        created.put("id", id).put("orgId", orgId).put("type", "outboundPhoneCall").put("status", "queued")
                .put("phoneCallProvider", "twilio").put("phoneCallTransport", "pstn");
        if (body.has("assistantId")) created.set("assistantId", body.get("assistantId").deepCopy());
        if (body.has("phoneNumberId")) created.set("phoneNumberId", body.get("phoneNumberId").deepCopy());
        if (body.has("phoneNumber")) {
            // Vapi keeps the transient line, never its secret.
            var kept = line.deepCopy();
            ((ObjectNode) kept).remove(List.of("twilioAuthToken", "twilioApiSecret"));
            created.set("phoneNumber", kept);
        }
        created.set("customer", body.get("customer").deepCopy());
        if (body.has("assistantOverrides")) created.set("assistantOverrides", body.get("assistantOverrides").deepCopy());
        created.put("createdAt", now).put("updatedAt", now);
        calls.put(id, created);
        send(exchange, 201, created.deepCopy());
    }

    private static List<String> overrideProblems(JsonNode overrides) {
        var problems = new ArrayList<String>();
        if (!overrides.isObject()) return List.of("assistantOverrides must be an object");
        unknownFields(overrides, OVERRIDE_FIELDS).forEach(p -> problems.add("assistantOverrides." + p));
        for (var field : List.of("variableValues", "metadata"))
            if (overrides.has(field) && !overrides.get(field).isObject()) problems.add("assistantOverrides." + field + " must be an object");
        if (overrides.has("firstMessage") && !overrides.get("firstMessage").isTextual())
            problems.add("assistantOverrides.firstMessage must be a string");
        if (overrides.has("model")) {
            var model = overrides.get("model");
            unknownFields(model, OVERRIDE_MODEL_FIELDS).forEach(p -> problems.add("assistantOverrides.model." + p));
            if (!model.path("provider").isTextual()) problems.add("assistantOverrides.model.provider must be a string");
            if (!model.path("model").isTextual()) problems.add("assistantOverrides.model.model must be a string");
            if (model.has("messages")) {
                if (!model.get("messages").isArray()) problems.add("assistantOverrides.model.messages must be an array");
                else for (var message : model.get("messages"))
                    if (!message.path("role").isTextual() || !message.path("content").isTextual())
                        problems.add("assistantOverrides.model.messages each need a role and a content");
            }
        }
        return problems;
    }

    private static List<String> validateAssistant(JsonNode body) {
        return AssistantSchema.problems(body);
    }

    /** A phone number's own fields, and its {@code server} as strictly as an assistant's. */
    private static List<String> validateNumber(JsonNode body) {
        var problems = new ArrayList<>(unknownFields(body, NUMBER_FIELDS));
        if (body != null && body.has("server")) problems.addAll(AssistantSchema.server(body.get("server")));
        return problems;
    }

    private static List<String> unknownFields(JsonNode body, Set<String> allowed) {
        var problems = new ArrayList<String>();
        if (body == null) return List.of("body is required");
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) problems.add("property " + f + " should not exist");
        });
        return problems;
    }

    private static Endpoint endpoint(String method, String path) {
        var segments = path.replaceAll("^/+|/+$", "").split("/");
        boolean one = segments.length == 2;
        if (segments.length == 0 || segments.length > 2) return null;
        if (segments[0].equals("assistant")) {
            return switch (method) {
                case "POST" -> one ? null : Endpoint.CREATE_ASSISTANT;
                case "GET" -> one ? Endpoint.GET_ASSISTANT : Endpoint.LIST_ASSISTANTS;
                case "PATCH" -> one ? Endpoint.UPDATE_ASSISTANT : null;
                case "DELETE" -> one ? Endpoint.DELETE_ASSISTANT : null;
                default -> null;
            };
        }
        if (segments[0].equals("call")) {
            return switch (method) {
                case "POST" -> one ? null : Endpoint.CREATE_CALL;
                case "GET" -> one ? Endpoint.GET_CALL : null;
                default -> null;
            };
        }
        if (segments[0].equals("phone-number")) {
            return switch (method) {
                case "POST" -> one ? null : Endpoint.CREATE_PHONE_NUMBER;
                case "GET" -> one ? Endpoint.GET_PHONE_NUMBER : Endpoint.LIST_PHONE_NUMBERS;
                case "PATCH" -> one ? Endpoint.UPDATE_PHONE_NUMBER : null;
                case "DELETE" -> one ? Endpoint.DELETE_PHONE_NUMBER : null;
                default -> null;
            };
        }
        return null;
    }

    private static String lastSegment(String path) {
        var trimmed = path.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private ArrayNode array(List<JsonNode> items) {
        var array = json.createArrayNode();
        items.forEach(array::add);
        return array;
    }

    /** Vapi's NestJS-style error body: message is a string or a list of validation strings. */
    private ObjectNode error(int status, String error, Object message) {
        var node = json.createObjectNode().put("statusCode", status).put("error", error);
        if (message instanceof List<?> list) {
            var array = node.putArray("message");
            list.forEach(m -> array.add(String.valueOf(m)));
        } else {
            node.put("message", String.valueOf(message));
        }
        return node;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (Boolean.TRUE.equals(unanswered.get())) return;
        var bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
