package dev.switchboard.testkit.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's REST API (PROTOCOLS.md §7) on loopback, for the routes Switchboard uses
 * ({@link TwilioRoute}). Checks Basic auth per account (account SID + auth token → 401 / 20003
 * otherwise), answers with Twilio's JSON resources ({@code CA…}, {@code SM…}, {@code PN…} SIDs,
 * snake_case, RFC 2822 dates) and Twilio's error body ({@code {code, message, more_info, status}}),
 * validates like Twilio where Switchboard's behaviour depends on it (21211 invalid {@code To},
 * 21210 / 21606 {@code From} not in the account, 21602 / 21617 SMS body, 21626 status events,
 * 21220 redirecting an ended call, 20404 unknown resources), keeps state per account, records
 * every request, and fails routes on demand ({@link TwilioFault}).
 *
 * <p>Per-test isolation: {@link #clear()} forgets requests and faults (and releases hung
 * requests); {@link #reset()} also forgets accounts and everything in them. Each exchange runs on
 * its own thread, so a hung route never holds up another. Thread-safe.
 */
public final class FakeTwilioRest implements AutoCloseable {
    private static final String BASE = "^/2010-04-01/Accounts/([A-Za-z0-9]+)";
    private static final Pattern ACCOUNT = Pattern.compile(BASE + "\\.json$");
    private static final Pattern CALLS = Pattern.compile(BASE + "/Calls\\.json$");
    private static final Pattern CALL = Pattern.compile(BASE + "/Calls/([A-Za-z0-9]+)\\.json$");
    private static final Pattern MESSAGES = Pattern.compile(BASE + "/Messages\\.json$");
    private static final Pattern MESSAGE = Pattern.compile(BASE + "/Messages/([A-Za-z0-9]+)\\.json$");
    private static final Pattern NUMBERS = Pattern.compile(BASE + "/IncomingPhoneNumbers\\.json$");
    private static final Pattern NUMBER = Pattern.compile(BASE + "/IncomingPhoneNumbers/([A-Za-z0-9]+)\\.json$");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "fake-twilio-rest");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, TwilioAccountState> accounts = new LinkedHashMap<>();
    private final Map<TwilioRoute, TwilioFault> faults = new EnumMap<>(TwilioRoute.class);
    private final Map<String, String> twimlByCall = new LinkedHashMap<>();
    private final List<TwilioApiRequest> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hangs = new CountDownLatch(1);
    private final TwilioResources resources = new TwilioResources(json);
    private volatile PhoneNetwork network;
    private volatile BiConsumer<TwilioApiRequest, Integer> watcher = (request, status) -> {};

    private FakeTwilioRest(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts an empty fake (no accounts: every request is 401 until {@link #addAccount}). */
    public static FakeTwilioRest start() {
        return start(0);
    }

    /** As {@link #start()}, on loopback port {@code port} (0: any free port), e.g. for {@code switchboard fake-twilio}. */
    public static FakeTwilioRest start(int port) {
        try {
            return new FakeTwilioRest(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * From now on every call and text this fake creates is handed to {@code network} (e.g. a
     * customer who answers), after the {@code 201} is sent; null: created calls and texts stay queued.
     */
    public FakeTwilioRest connect(PhoneNetwork network) {
        this.network = network;
        return this;
    }

    /** e.g. {@code http://127.0.0.1:41234} — what {@code SWITCHBOARD_TWILIO_API_URL} points at. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An account that accepts exactly this SID and auth token. */
    public synchronized FakeTwilioRest addAccount(String accountSid, String authToken) {
        accounts.put(accountSid, new TwilioAccountState(json, accountSid, authToken, "Account " + accountSid.substring(0, Math.min(8, accountSid.length()))));
        return this;
    }

    /** Twilio suspends or closes the account ({@code suspended}, {@code closed}). */
    public synchronized void setAccountStatus(String accountSid, String status) {
        account(accountSid).account.put("status", status);
    }

    /** The account buys a number; returns its SID ({@code PN…}), with no webhooks set. */
    public synchronized String addNumber(String accountSid, String e164) {
        return account(accountSid).newNumber(json, e164).path("sid").asText();
    }

    /** A number as Twilio would answer it, or null. */
    public synchronized JsonNode number(String numberSid) {
        for (var a : accounts.values()) if (a.numbers.containsKey(numberSid)) return a.numbers.get(numberSid).deepCopy();
        return null;
    }

    /** Someone edits the number in Twilio's console, e.g. {@code editNumber(pn, "voice_url", "https://elsewhere")}. */
    public synchronized void editNumber(String numberSid, String field, String value) {
        for (var a : accounts.values()) {
            var n = a.numbers.get(numberSid);
            if (n == null) continue;
            if (value == null) n.putNull(field);
            else n.put(field, value);
            return;
        }
        throw new IllegalArgumentException("no number " + numberSid);
    }

    /** Every call created through the API, in order, as Twilio's JSON. */
    public synchronized List<JsonNode> calls() {
        var all = new ArrayList<JsonNode>();
        accounts.values().forEach(a -> a.calls.values().forEach(c -> all.add(c.deepCopy())));
        return all;
    }

    public synchronized JsonNode call(String callSid) {
        var c = findCall(callSid);
        return c == null ? null : c.deepCopy();
    }

    /** A call that exists at Twilio (e.g. an inbound one the app knows from its webhooks). */
    public synchronized String addCall(String accountSid, String from, String to, String status) {
        var node = account(accountSid).newCall(json, to, from, null);
        node.put("direction", "inbound");
        resources.moveCall(node, status);
        return node.path("sid").asText();
    }

    /** The call moves on at Twilio: {@code ringing}, {@code in-progress}, {@code completed}, … (times and duration follow). */
    public synchronized void setCallStatus(String callSid, String status) {
        var c = findCall(callSid);
        if (c == null) throw new IllegalArgumentException("no call " + callSid);
        resources.moveCall(c, status);
    }

    /** The last TwiML a call was updated with, or null. */
    public synchronized String twimlOf(String callSid) {
        return twimlByCall.get(callSid);
    }

    /** Every message created through the API, in order, as Twilio's JSON. */
    public synchronized List<JsonNode> messages() {
        var all = new ArrayList<JsonNode>();
        accounts.values().forEach(a -> a.messages.values().forEach(m -> all.add(m.deepCopy())));
        return all;
    }

    /**
     * The message moves on at Twilio without telling us (a delivery report lost): {@code sent},
     * {@code delivered}, or {@code undelivered} / {@code failed} with Twilio's error code and text.
     */
    public synchronized void setMessageStatus(String messageSid, String status, Integer errorCode, String errorMessage) {
        for (var a : accounts.values()) {
            var m = a.messages.get(messageSid);
            if (m == null) continue;
            m.put("status", status);
            if (errorCode != null) m.put("error_code", errorCode);
            if (errorMessage != null) m.put("error_message", errorMessage);
            return;
        }
        throw new IllegalArgumentException("no message " + messageSid);
    }

    public synchronized void fail(TwilioRoute route, TwilioFault fault) {
        faults.put(route, fault);
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Every request received since the last {@link #clear()}, in arrival order. */
    public List<TwilioApiRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests on one route since the last {@link #clear()}. */
    public List<TwilioApiRequest> requests(TwilioRoute route) {
        return requests.stream().filter(r -> r.route() == route).toList();
    }

    /** Forgets requests and faults and lets hung requests answer; accounts and their resources stay. */
    public void clear() {
        synchronized (this) {
            faults.clear();
        }
        var released = hangs;
        hangs = new CountDownLatch(1);
        released.countDown();
        requests.clear();
    }

    /** {@link #clear()}, and forgets every account with its numbers, calls and messages. */
    public void reset() {
        clear();
        synchronized (this) {
            accounts.clear();
            twimlByCall.clear();
        }
    }

    @Override
    public void close() {
        hangs.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var method = exchange.getRequestMethod();
            var path = exchange.getRequestURI().getRawPath();
            var query = FormCodec.decode(exchange.getRequestURI().getRawQuery());
            var contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            var raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded") ? FormCodec.decode(raw) : Map.<String, List<String>>of();
            var credentials = basic(exchange.getRequestHeaders().getFirst("Authorization"));
            var match = Route.of(method, path);
            var request = new TwilioApiRequest(method, path, match == null ? null : match.route, query, form,
                    credentials == null ? null : credentials[0], credentials == null ? null : credentials[1], contentType);
            requests.add(request);
            if (match == null) {
                send(exchange, TwilioResources.error(json, 404, 20404, "The requested resource " + path + " was not found"));
                watcher.accept(request, 404);
                return;
            }
            var answer = answer(request, match);
            if (answer.hang != null) {
                awaitRelease(answer.hang.hang());
                answer = TwilioResources.error(json, 503, 0, "Service Unavailable");
            }
            if (answer.malformed) {
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                var body = "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            send(exchange, answer);
            exchange.close();
            watcher.accept(request, answer.status);
            if (answer.status == 201) handOver(request, answer.body);
        } catch (RuntimeException e) {
            // A bug in the fake must show up in the test, not as a hung client.
            try {
                send(exchange, TwilioResources.error(json, 500, 0, "fake failed: " + e));
            } catch (IOException ignored) {
                // The client is gone.
            }
        }
    }

    /** Tells the phone network about a call or text just created, on a thread of its own: the client already has its answer. */
    /** {@code watcher} is told of every request and the HTTP status it was answered with, once answered (e.g. to print them). */
    public FakeTwilioRest watch(BiConsumer<TwilioApiRequest, Integer> watcher) {
        this.watcher = watcher;
        return this;
    }

    private void handOver(TwilioApiRequest request, JsonNode created) {
        var to = network;
        if (to == null) return;
        var token = request.password();
        var sid = created.path("sid").asText();
        if (request.route() == TwilioRoute.CREATE_CALL)
            threads.execute(() -> to.dial(new PhoneNetwork.PlacedCall(request.username(), token, sid, request.param("From"),
                    request.param("To"), request.param("Url"), request.param("StatusCallback"), request.params("StatusCallbackEvent"))));
        else if (request.route() == TwilioRoute.CREATE_MESSAGE)
            threads.execute(() -> to.deliver(new PhoneNetwork.SentText(request.username(), token, sid, request.param("From"),
                    request.param("To"), request.param("Body"), request.param("StatusCallback"))));
    }

    private synchronized Answer answer(TwilioApiRequest request, Route match) {
        var account = request.username() == null ? null : accounts.get(request.username());
        if (account == null || !account.authToken.equals(request.password()))
            return TwilioResources.error(json, 401, 20003, "Authenticate");
        if (!account.sid.equals(match.accountSid))
            return TwilioResources.error(json, 404, 20404, "The requested resource " + request.path() + " was not found");
        var fault = faults.get(match.route);
        if (fault != null) {
            if (fault.times() == 1) faults.remove(match.route);
            else if (fault.times() > 1) faults.put(match.route, fault.times(fault.times() - 1));
            return switch (fault.kind()) {
                case ERROR -> TwilioResources.error(json, fault.status(), fault.code(), fault.message());
                case HANG -> Answer.hang(fault);
                case MALFORMED -> Answer.malformed(fault.status());
            };
        }
        return switch (match.route) {
            case FETCH_ACCOUNT -> Answer.ok(200, account.account.deepCopy());
            case CREATE_CALL -> resources.createCall(account, request);
            case FETCH_CALL -> found(account.calls.get(match.sid), request);
            case UPDATE_CALL -> resources.updateCall(account, match.sid, request, twimlByCall);
            case CREATE_MESSAGE -> resources.createMessage(account, request);
            case FETCH_MESSAGE -> found(account.messages.get(match.sid), request);
            case LIST_NUMBERS -> resources.listNumbers(account, request);
            case FETCH_NUMBER -> found(account.numbers.get(match.sid), request);
            case UPDATE_NUMBER -> resources.updateNumber(account, match.sid, request);
        };
    }

    private Answer found(ObjectNode resource, TwilioApiRequest request) {
        if (resource == null) return TwilioResources.error(json, 404, 20404, "The requested resource " + request.path() + " was not found");
        return Answer.ok(200, resource.deepCopy());
    }

    private void awaitRelease(java.time.Duration hang) {
        try {
            hangs.await(hang.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TwilioAccountState account(String sid) {
        var a = accounts.get(sid);
        if (a == null) throw new IllegalArgumentException("no account " + sid + "; addAccount first");
        return a;
    }

    private ObjectNode findCall(String callSid) {
        for (var a : accounts.values()) if (a.calls.containsKey(callSid)) return a.calls.get(callSid);
        return null;
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        var body = json.writeValueAsBytes(answer.body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Twilio-Request-Id", TwilioAccountState.sid("RQ"));
        exchange.sendResponseHeaders(answer.status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            var decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            var colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What the fake answers: a status and JSON body, a hang, or a body that is not JSON. */
    record Answer(int status, JsonNode body, TwilioFault hang, boolean malformed) {
        static Answer ok(int status, JsonNode body) {
            return new Answer(status, body, null, false);
        }

        static Answer hang(TwilioFault fault) {
            return new Answer(503, null, fault, false);
        }

        static Answer malformed(int status) {
            return new Answer(status, null, null, true);
        }
    }

    /** A request matched to a route, with the account and resource SIDs from its path. */
    private record Route(TwilioRoute route, String accountSid, String sid) {
        static Route of(String method, String path) {
            Matcher m;
            boolean get = method.equals("GET");
            boolean post = method.equals("POST");
            if ((m = ACCOUNT.matcher(path)).matches() && get) return new Route(TwilioRoute.FETCH_ACCOUNT, m.group(1), null);
            if ((m = CALLS.matcher(path)).matches() && post) return new Route(TwilioRoute.CREATE_CALL, m.group(1), null);
            if ((m = CALL.matcher(path)).matches()) {
                if (get) return new Route(TwilioRoute.FETCH_CALL, m.group(1), m.group(2));
                if (post) return new Route(TwilioRoute.UPDATE_CALL, m.group(1), m.group(2));
            }
            if ((m = MESSAGES.matcher(path)).matches() && post) return new Route(TwilioRoute.CREATE_MESSAGE, m.group(1), null);
            if ((m = MESSAGE.matcher(path)).matches() && get) return new Route(TwilioRoute.FETCH_MESSAGE, m.group(1), m.group(2));
            if ((m = NUMBERS.matcher(path)).matches() && get) return new Route(TwilioRoute.LIST_NUMBERS, m.group(1), null);
            if ((m = NUMBER.matcher(path)).matches()) {
                if (get) return new Route(TwilioRoute.FETCH_NUMBER, m.group(1), m.group(2));
                if (post) return new Route(TwilioRoute.UPDATE_NUMBER, m.group(1), m.group(2));
            }
            return null;
        }
    }

    /** {@code application/x-www-form-urlencoded}, keeping order and repeated keys. */
    static final class FormCodec {
        private FormCodec() {}

        static Map<String, List<String>> decode(String raw) {
            var out = new LinkedHashMap<String, List<String>>();
            if (raw == null || raw.isEmpty()) return out;
            for (var pair : raw.split("&")) {
                if (pair.isEmpty()) continue;
                var eq = pair.indexOf('=');
                var name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            return out;
        }
    }
}
