package dev.switchboard.app.vapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.vapi.VapiMessageSender;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes Vapi's webhook ({@code /webhooks/vapi/{tenantId}}) with a seeded generator: random JSON,
 * real server messages mutated (a field removed, retyped, made huge or extreme), bytes cut or
 * flipped, oversized bodies and wrong content types. The platform must never answer 5xx, must
 * answer every refusal as problem+json, and must lose nothing: the valid messages of a control
 * call sent between the fuzz all end up in that call's transcript, in order.
 *
 * <p>The seed is the build's ({@code -Dsurefire.runOrder.random.seed=N} replays it) and is printed
 * in every failure.
 */
@MicronautTest
class VapiWebhookFuzzE2eTest {
    private static final String SECRET = "whsec-fuzz-7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int ROUNDS = 400;
    private static final String HOSTILE_CHARS = "{}[]\",:\\x0";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private final long seed = Long.getLong("test.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final HttpClient http = HttpClient.newHttpClient();
    private final Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private Api owner;
    private String tenantId;
    private String assistantId;
    private String ourNumber;
    private VapiMessageSender vapi;

    @BeforeEach
    void a_tenant_with_a_vapi_assistant() {
        owner = new Api(server, json).newTenant("Fuzzed salon");
        tenantId = (String) owner.get("/api/v1/tenant").json().get("id");
        assertThat(owner.put("/api/v1/connections/vapi", Map.of("apiKey", "vapi-key", "webhookSecret", SECRET)).status()).isEqualTo(200);
        var body = new HashMap<String, Object>();
        body.put("name", "Reception");
        body.put("systemPrompt", "You answer the phone for a hair salon.");
        body.put("language", "fr-FR");
        body.put("tools", List.of("book_appointment", "check_availability"));
        body.put("runtime", "vapi");
        assistantId = (String) owner.post("/api/v1/assistants", body).json().get("id");
        ourNumber = Fixtures.randomE164();
        assertThat(owner.post("/api/v1/phone-numbers", Map.of("number", ourNumber, "assistantId", assistantId)).status()).isEqualTo(201);
        vapi = new VapiMessageSender(webhook(), SECRET);
    }

    private URI webhook() {
        return server.getURI().resolve("/webhooks/vapi/" + tenantId);
    }

    private VapiMessageSender.Call call() {
        return VapiMessageSender.call(ourNumber, "+33612345678", "vapi-asst-1",
                Map.of("switchboardTenantId", tenantId, "switchboardAssistantId", assistantId), start);
    }

    @Test
    void no_input_gets_a_5xx_and_the_valid_messages_in_between_are_all_kept() throws Exception {
        var control = call();
        assertThat(vapi.send(control.statusUpdate(0, "in-progress", null)).status()).isEqualTo(200);
        var victims = List.of(call(), call(), call());
        var said = new ArrayList<String>();
        var wrong = new ArrayList<String>();
        for (int round = 0; round < ROUNDS; round++) {
            var input = fuzz(victims.get(random.nextInt(victims.size())));
            var answer = vapi.sendRaw(input);
            if (answer.status() >= 500 || (answer.status() != 200 && !answer.contentType().startsWith("application/problem+json")))
                wrong.add("round " + round + ": " + answer.status() + " " + answer.contentType() + " " + abbreviate(answer.body())
                        + " for " + abbreviate(input));
            if (round % 20 == 0) {
                var words = "Control turn " + round;
                said.add(words);
                assertThat(vapi.send(control.transcript(1 + round / 20.0, "user", words)).status()).as("seed %d", seed).isEqualTo(200);
            }
        }
        assertThat(wrong).as("answers that were 5xx or not problem+json (seed %d)", seed).isEmpty();

        var detail = controlCall(control);
        @SuppressWarnings("unchecked")
        var transcript = ((List<Map<String, Object>>) detail.get("transcript")).stream().map(m -> (String) m.get("text")).toList();
        assertThat(transcript).as("seed %d", seed).containsExactlyElementsOf(said);
    }

    @Test
    void a_timestamp_outside_the_years_a_database_stores_is_read_as_absent_not_a_5xx() {
        // Found by the fuzzer (seed 1203221412): Long.MIN_VALUE ms failed the call's write with a 500.
        var control = call();
        for (long timestamp : new long[] {Long.MIN_VALUE, Long.MAX_VALUE}) {
            var message = control.statusUpdate(0, "in-progress", null);
            message.put("timestamp", timestamp);
            assertThat(vapi.send(message).status()).as("timestamp %d", timestamp).isEqualTo(200);
        }
        var calls = (List<?>) owner.get("/api/v1/calls").json().get("items");
        assertThat(calls).hasSize(1);
    }

    @Test
    void oversized_bodies_and_wrong_content_types_are_refused_without_a_5xx() throws Exception {
        var control = call();
        var huge = control.transcript(2, "user", "x".repeat(11 * 1024 * 1024));
        var answers = new ArrayList<String>();
        for (var body : List.of(envelope(huge), "{\"message\":" + "[".repeat(100_000), "{\"message\":{\"type\":\"" + "é".repeat(2_000_000) + "\"}}",
                envelope(control.transcript(3, "user", "y".repeat(1_000_000))))) {
            var answer = post(body, "application/json");
            answers.add(answer.statusCode() + " " + answer.headers().firstValue("Content-Type").orElse(""));
            assertThat(answer.statusCode()).as("%d-byte body", body.length()).isLessThan(500);
        }
        for (var contentType : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml", "")) {
            var answer = post(envelope(control.statusUpdate(1, "in-progress", null)), contentType);
            assertThat(answer.statusCode()).as("Content-Type %s", contentType).isLessThan(500);
        }
        assertThat(vapi.send(control.transcript(4, "user", "Still here")).status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        var transcript = ((List<Map<String, Object>>) controlCall(control).get("transcript")).stream().map(m -> (String) m.get("text")).toList();
        assertThat(transcript).as(String.join(", ", answers)).contains("Still here");
    }

    @Test
    void fuzzed_paths_and_secrets_are_refused_without_a_5xx() throws Exception {
        var message = envelope(call().statusUpdate(1, "in-progress", null));
        for (var path : List.of("/webhooks/vapi/%00", "/webhooks/vapi/" + "9".repeat(3000),
                "/webhooks/vapi/" + tenantId + "/extra", "/webhooks/vapi/..%2F" + tenantId, "/webhooks/vapi/" + java.util.UUID.randomUUID())) {
            var answer = http.send(HttpRequest.newBuilder(server.getURI().resolve(path)).header("Content-Type", "application/json")
                    .header("X-Vapi-Secret", SECRET).POST(HttpRequest.BodyPublishers.ofString(message)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isLessThan(500).isNotEqualTo(200);
        }
        for (var secret : List.of("", " ", "x".repeat(100_000), SECRET + "x", SECRET.toUpperCase())) {
            var answer = new VapiMessageSender(webhook(), secret).sendRaw(message);
            // A header over Netty's limit never reaches us: refused by the server (4xx) before the secret is compared.
            assertThat(answer.status()).as("secret of %d chars", secret.length()).isIn(secret.length() > 8000 ? List.of(400, 401, 413, 431) : List.of(401));
        }
    }

    private Map<String, Object> controlCall(VapiMessageSender.Call control) {
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Object>>) owner.get("/api/v1/calls?limit=200").json().get("items");
        var id = items.stream().filter(c -> control.id().equals(c.get("providerCallId"))).findFirst().orElseThrow().get("id");
        return owner.get("/api/v1/calls/" + id).json();
    }

    // --- the generator ---

    private String fuzz(VapiMessageSender.Call victim) throws Exception {
        return switch (random.nextInt(10)) {
            case 0 -> randomValue(0).toString();
            case 1 -> {
                var envelope = NODES.objectNode();
                envelope.set("message", randomObject(0));
                yield envelope.toString();
            }
            case 2, 3 -> bytesMutated(envelope(realMessage(victim)));
            default -> {
                var envelope = (ObjectNode) JSON.readTree(envelope(realMessage(victim)));
                int mutations = 1 + random.nextInt(3);
                for (int i = 0; i < mutations; i++) mutate(envelope);
                yield envelope.toString();
            }
        };
    }

    private ObjectNode realMessage(VapiMessageSender.Call call) {
        double at = random.nextInt(100);
        return switch (random.nextInt(8)) {
            case 0 -> call.assistantRequest(at);
            case 1 -> call.statusUpdate(at, pick("ringing", "in-progress", "forwarding", "ended"), pick(null, "customer-ended-call"));
            case 2 -> call.transcript(at, pick("user", "bot", "assistant"), "Je voudrais un rendez-vous.");
            case 3 -> call.conversationUpdate(at, List.of(new String[] {"bot", "Bonjour !"}, new String[] {"user", "Bonjour."}));
            case 4 -> call.toolCalls(at, "call_" + random.nextInt(1000), pick("check_availability", "book_appointment", "no_such_tool"),
                    Map.of("date", "2030-03-05", "time", "10:00", "client_name", "Marie"));
            case 5 -> call.endOfCallReport(at, "customer-ended-call", 1, 91, "0.1432", "A summary.",
                    List.<String[]>of(new String[] {"bot", "Bonjour !"}, new String[] {"user", "Au revoir."}));
            case 6 -> call.other(at, pick("hang", "speech-update", "user-interrupted", "model-output", "transfer-update"));
            default -> call.statusUpdate(at, "ended", "assistant-ended-call");
        };
    }

    /** One change at a random place of the tree: removed, retyped, made huge or extreme, or a field added. */
    private void mutate(ObjectNode root) {
        var containers = new ArrayList<JsonNode>();
        collect(root, containers);
        var target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            var name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.put("x-" + random.nextInt(100), randomValue(2).toString());
                default -> object.set(name, hostile());
            }
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            if (random.nextBoolean()) array.remove(index);
            else array.set(index, hostile());
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    /** A value chosen to break assumptions: another type, an extreme number, a huge or odd string. */
    private JsonNode hostile() {
        List<Supplier<JsonNode>> choices = List.of(
                () -> randomValue(1),
                NODES::nullNode,
                () -> NODES.numberNode(Long.MAX_VALUE),
                () -> NODES.numberNode(Long.MIN_VALUE),
                () -> NODES.numberNode(new BigInteger("9".repeat(40))),
                () -> NODES.numberNode(new BigDecimal("1e308")),
                () -> NODES.numberNode(-1.5),
                () -> NODES.textNode("z".repeat(70_000 + random.nextInt(30_000))),
                () -> NODES.textNode(""),
                () -> NODES.textNode("\u0000\uD83D\uDE00\u202E' OR 1=1; --"),
                () -> NODES.textNode("2026-02-30T25:61:00Z"),
                () -> NODES.textNode("+" + "1".repeat(30)),
                () -> NODES.booleanNode(random.nextBoolean()),
                () -> NODES.arrayNode().add(randomValue(2)),
                () -> NODES.objectNode());
        return choices.get(random.nextInt(choices.size())).get();
    }

    private JsonNode randomValue(int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 4 -> NODES.textNode(randomText());
            case 5 -> {
                var array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) array.add(randomValue(depth + 1));
                yield array;
            }
            default -> randomObject(depth + 1);
        };
    }

    private ObjectNode randomObject(int depth) {
        var object = NODES.objectNode();
        var keys = List.of("type", "timestamp", "call", "status", "message", "role", "transcript", "toolCallList", "artifact", "id",
                "phoneNumber", "customer", "cost", "endedReason", "metadata", "function", "arguments", "name");
        for (int i = random.nextInt(5); i > 0; i--) object.set(keys.get(random.nextInt(keys.size())), randomValue(depth));
        if (random.nextInt(3) == 0) object.put("type", pick("status-update", "transcript", "tool-calls", "end-of-call-report",
                "conversation-update", "assistant-request"));
        return object;
    }

    private String randomText() {
        var text = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
        return text.toString();
    }

    /** The JSON text cut short, a character changed, or one inserted. */
    private String bytesMutated(String text) {
        var chars = new StringBuilder(text);
        int at = random.nextInt(chars.length());
        switch (random.nextInt(3)) {
            case 0 -> chars.setLength(at);
            case 1 -> chars.setCharAt(at, HOSTILE_CHARS.charAt(random.nextInt(HOSTILE_CHARS.length())));
            default -> chars.insert(at, HOSTILE_CHARS.charAt(random.nextInt(HOSTILE_CHARS.length())));
        }
        return chars.toString();
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static String envelope(ObjectNode message) {
        var envelope = NODES.objectNode();
        envelope.set("message", message);
        return envelope.toString();
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        var request = HttpRequest.newBuilder(webhook()).timeout(Duration.ofSeconds(60)).header("X-Vapi-Secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) request.header("Content-Type", contentType);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
    }
}
