package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.app.ApiDocument;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.recording.RecordingStore;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.vapi.FakeVapi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 13, "OpenAPI that tells the truth": the document micronaut-openapi generates from the code
 * is served without a token, with a Swagger UI whose scripts come from the jar; it names every
 * {@code /api} route with a readable operationId, a typed body and the bearer scheme; and real
 * exchanges — a new tenant's whole day through every endpoint, errors included — match it, request
 * and answer, checked by Atlassian's swagger-request-validator ({@link ApiDocument}, which checks
 * every other end-to-end test's exchanges the same way). A new endpoint fails
 * {@link #the_recorded_exchanges_cover_every_operation_and_match_the_document()} until the flow
 * below uses it and its schemas are right.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentE2eTest implements TestPropertyProvider {
    static final String DOCUMENT = "/openapi/switchboard.yml";
    private static final String TWILIO_SID = "AC99990000111122223333444455556666";
    private static final String TWILIO_TOKEN = "twilio-token-doc";
    private static final String VAPI_KEY = "vapi-key-doc";
    /** Operations anyone may call: everything else must ask for the bearer token. */
    private static final List<String> ANONYMOUS = List.of("signUp", "logIn");

    private final FakeTwilioRest twilio = FakeTwilioRest.start();
    private final FakeVapi vapi = FakeVapi.start(VAPI_KEY);

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Router router;

    @Inject
    CallRepository calls;

    @Inject
    AppointmentRepository appointments;

    @Inject
    RecordingStore recordings;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.twilio.api-url", twilio.baseUrl(), "switchboard.vapi.base-url", vapi.baseUrl(),
                "switchboard.vapi.timeout", "2s", "switchboard.public-url", "https://sb.example.com");
    }

    @AfterAll
    void stop() {
        twilio.close();
        vapi.close();
    }

    @Test
    void the_document_and_swagger_ui_are_served_without_a_token_while_the_api_still_needs_one() {
        var anonymous = new Api(server, json);

        var document = anonymous.get(DOCUMENT);
        var ui = anonymous.get("/swagger-ui/index.html");
        var script = anonymous.get("/swagger-ui/res/swagger-ui-bundle.js");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.raw()).startsWith("openapi: 3.").contains("title: Switchboard API");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.contentType()).startsWith("text/html");
        // The page loads its scripts from this server and reads this server's document: it works offline.
        assertThat(ui.raw()).contains("/swagger-ui/res/swagger-ui-bundle.js").contains("'" + DOCUMENT + "'").doesNotContain("https://");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.raw()).contains("SwaggerUIBundle");
        assertThat(anonymous.get("/swagger-ui").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/assistants").status()).isEqualTo(401);
    }

    @Test
    void every_api_route_is_described_with_a_readable_name_a_typed_body_and_its_security() {
        var document = document();
        var operations = operations(document);
        var problems = new ArrayList<String>();
        router.uriRoutes().filter(route -> route.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate())
                .filter(route -> !operations.containsKey(route))
                .forEach(route -> problems.add(route + ": not in the document"));
        operations.forEach((route, operation) -> {
            var id = String.valueOf(operation.get("operationId"));
            if (id.matches(".*_\\d+") || id.equals("null")) problems.add(route + ": operationId " + id + " says nothing");
            if (operation.get("summary") == null) problems.add(route + ": no summary");
            var body = String.valueOf(operation.get("requestBody"));
            if (operation.containsKey("requestBody") && !body.contains("$ref")) problems.add(route + ": untyped request body " + body);
            var responses = map(operation.get("responses"));
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) problems.add(route + ": no success answer");
            responses.forEach((code, response) -> {
                if (map(response).get("content") != null && !String.valueOf(response).contains("$ref") && !String.valueOf(response).contains("binary"))
                    problems.add(route + ": answer " + code + " has no schema");
            });
            var bearer = String.valueOf(operation.get("security")).contains("bearer");
            if (ANONYMOUS.contains(id) == bearer) problems.add(route + (bearer ? ": asks a token of anonymous callers" : ": does not say it needs the bearer token"));
            if (!ANONYMOUS.contains(id) && !responses.containsKey("401")) problems.add(route + ": no 401 answer");
        });

        assertThat(problems).isEmpty();
        assertThat(String.valueOf(map(document.get("components")).get("securitySchemes")))
                .isEqualTo("{bearer={type=http, description=The access_token of sign-up or login (HS256 JWT, valid one hour), "
                        + "or a token of the configured identity provider., scheme=bearer, bearerFormat=JWT}}");
    }

    @Test
    void the_recorded_exchanges_cover_every_operation_and_match_the_document() {
        var exchanges = new Exchanges(json);
        aNewTenantsDay(exchanges);

        // The served document is the one the build wrote, which Api checked each exchange against.
        assertThat(new Api(server, json).get(DOCUMENT).raw()).isEqualTo(builtDocument());
        var operations = operations(document());
        var covered = new TreeSet<String>();
        var mismatches = new ArrayList<String>();
        for (var exchange : exchanges.recorded()) {
            var uri = URI.create(exchange.path());
            var operation = operationOf(operations.keySet(), exchange.method(), uri.getPath());
            if (operation.isEmpty()) {
                mismatches.add(exchange + ": no operation in the document");
                continue;
            }
            covered.add(operation.get());
            ApiDocument.mismatches(exchange).forEach(mismatch -> mismatches.add(exchange + ": " + mismatch));
        }

        assertThat(mismatches).as("exchanges that do not match the document").isEmpty();
        assertThat(new TreeSet<>(operations.keySet())).as("operations no recorded exchange used").isEqualTo(covered);
    }

    /**
     * A new user's first day: sign up, log in, configure the tenant, assistants, credentials,
     * numbers, knowledge, opening hours, calls, texts, outbound calls, Vapi sync — and the usual
     * mistakes along the way (bad fields, unknown ids, conflicts, no token).
     */
    private void aNewTenantsDay(Exchanges exchanges) {
        twilio.clear();
        vapi.reset();
        twilio.addAccount(TWILIO_SID, TWILIO_TOKEN);
        vapi.acceptTwilio(TWILIO_SID, TWILIO_TOKEN);
        var e164 = Fixtures.randomE164();
        twilio.addNumber(TWILIO_SID, e164);
        var anonymous = exchanges.through(new Api(server, json));
        var email = "owner-" + UUID.randomUUID() + "@example.com";

        var signUp = Map.of("tenantName", "Salon Lumière", "email", email, "password", "correct horse battery", "timezone", "Europe/Paris");
        var owner = anonymous.as((String) expect(201, anonymous.post("/api/v1/signup", signUp)).json().get("access_token"));
        expect(409, anonymous.post("/api/v1/signup", signUp));
        expect(400, anonymous.post("/api/v1/signup", Map.of("email", "not-an-address", "password", "short")));
        expect(200, anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery")));
        expect(401, anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong password!")));
        expect(401, anonymous.get("/api/v1/tenant"));

        var tenantId = (String) expect(200, owner.get("/api/v1/tenant")).json().get("id");
        expect(200, owner.put("/api/v1/tenant", Map.of("name", "Salon Lumière Paris")));
        expect(400, owner.put("/api/v1/tenant", Map.of("timezone", "Mars/Olympus")));

        var full = new HashMap<>(Bodies.assistant("Reception"));
        full.put("persona", "Warm and brief.");
        full.put("transcriber", Map.of("provider", "deepgram", "model", "nova-3", "language", "fr-FR"));
        full.put("model", Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "temperature", 0.2, "maxTokens", 300,
                "fallback", Map.of("provider", "openai", "model", "gpt-4o-mini")));
        full.put("machineDetection", true);
        full.put("voicemailMessage", "Please call us back.");
        full.put("retry", Map.of("attempts", 2, "spacingMinutes", 15));
        var assistant = id(expect(201, owner.post("/api/v1/assistants", full)));
        expect(400, owner.post("/api/v1/assistants", Map.of("name", "", "enabledTools", List.of("x"), "voice", Map.of("speed", "fast"))));
        expect(200, owner.get("/api/v1/assistants"));
        expect(200, owner.get("/api/v1/assistants/" + assistant));
        expect(200, owner.put("/api/v1/assistants/" + assistant, Bodies.assistant("Reception, revised")));
        expect(404, owner.get("/api/v1/assistants/" + UUID.randomUUID()));
        var spare = id(expect(201, owner.post("/api/v1/assistants", Map.of("name", "Spare", "systemPrompt", "Be brief."))));
        expect(204, owner.delete("/api/v1/assistants/" + spare));

        expect(200, owner.put("/api/v1/connections/twilio", Map.of("accountSid", TWILIO_SID, "authToken", TWILIO_TOKEN)));
        expect(400, owner.put("/api/v1/connections/twilio", Map.of("accountSid", "nope")));
        expect(200, owner.put("/api/v1/connections/vapi", Map.of("apiKey", VAPI_KEY, "webhookSecret", "whsec-doc")));
        expect(200, owner.put("/api/v1/connections/anthropic", Map.of("apiKey", "sk-ant-doc")));
        expect(200, owner.get("/api/v1/connections"));
        expect(200, owner.get("/api/v1/connections/twilio"));
        expect(204, owner.delete("/api/v1/connections/anthropic"));
        expect(404, owner.get("/api/v1/connections/anthropic"));

        var number = id(expect(201, owner.post("/api/v1/phone-numbers/import", Map.of("number", e164, "assistantId", assistant, "label", "Front desk"))));
        expect(400, owner.post("/api/v1/phone-numbers/import", Map.of("number", Fixtures.randomE164())));
        var unproven = id(expect(201, owner.post("/api/v1/phone-numbers", Bodies.number(Fixtures.randomE164(), null))));
        expect(409, owner.post("/api/v1/phone-numbers", Bodies.number(e164, null)));
        expect(200, owner.get("/api/v1/phone-numbers"));
        expect(200, owner.get("/api/v1/phone-numbers/" + number));
        expect(200, owner.put("/api/v1/phone-numbers/" + unproven, Map.of("label", "Spare line")));
        var detached = new HashMap<String, Object>();
        detached.put("assistantId", null);
        expect(200, owner.put("/api/v1/phone-numbers/" + unproven, detached));
        expect(200, owner.post("/api/v1/phone-numbers/" + number + "/configure", null));
        expect(409, owner.post("/api/v1/phone-numbers/" + unproven + "/configure", null));
        expect(200, owner.get("/api/v1/diagnostics"));
        expect(200, owner.post("/api/v1/diagnostics/repair", null));
        expect(204, owner.delete("/api/v1/phone-numbers/" + unproven));

        var document = id(expect(201, owner.post("/api/v1/knowledge", Map.of("title", "Prices", "content", "A haircut is 45 euros.", "language", "en"))));
        expect(200, owner.get("/api/v1/knowledge"));
        expect(200, owner.get("/api/v1/knowledge/" + document));
        expect(200, owner.get("/api/v1/knowledge/search?q=haircut&limit=3"));
        expect(400, owner.get("/api/v1/knowledge/search?limit=99"));
        expect(200, owner.put("/api/v1/knowledge/" + document, Map.of("title", "Prices", "content", "A haircut is 48 euros.", "language", "en")));
        var old = id(expect(201, owner.post("/api/v1/knowledge", Map.of("title", "Old", "content", "Gone.", "language", "en"))));
        expect(204, owner.delete("/api/v1/knowledge/" + old));

        expect(404, owner.get("/api/v1/availability"));
        expect(200, owner.put("/api/v1/availability", Map.of("openingHours", Map.of("tuesday", List.of("09:00-12:00", "14:00-19:00")),
                "defaultDurationMinutes", 45, "serviceDurations", Map.of("coloring", 90), "slotMinutes", 15, "closedDates", List.of("2030-12-25"))));
        expect(400, owner.put("/api/v1/availability", Map.of("openingHours", Map.of("someday", List.of("9-5")))));
        expect(200, owner.get("/api/v1/availability"));
        expect(200, owner.get("/api/v1/availability/slots?date=2030-03-05&service=coloring"));
        expect(400, owner.get("/api/v1/availability/slots?date=tomorrow"));

        var tenant = TenantId.parse(tenantId);
        var appointment = Fixtures.appointment(tenant, Instant.parse("2030-03-05T10:00:00Z"), Duration.ofMinutes(30));
        appointments.add(appointment);
        expect(200, owner.get("/api/v1/appointments?from=2030-03-05&to=2030-03-05"));
        expect(400, owner.get("/api/v1/appointments?from=2030-03-05&to=2030-01-01"));
        expect(200, owner.post("/api/v1/appointments/" + appointment.id() + "/cancel", null));
        expect(409, owner.post("/api/v1/appointments/" + appointment.id() + "/cancel", null));

        var call = Fixtures.call(tenant, Instant.parse("2026-03-02T09:00:00Z"));
        calls.add(call);
        var recording = recordings.open(tenant, call.id());
        recording.callerAudio(0, new byte[160]);
        recording.finish().toCompletableFuture().join();
        expect(200, owner.get("/api/v1/calls"));
        expect(200, owner.get("/api/v1/calls?direction=inbound&from=2026-03-01T00:00:00Z&limit=10"));
        expect(400, owner.get("/api/v1/calls?status=ringing-ish&limit=0"));
        expect(200, owner.get("/api/v1/calls/stats?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z"));
        expect(200, owner.get("/api/v1/calls/" + call.id()));
        var wav = owner.download("/api/v1/calls/" + call.id() + "/recording");
        assertThat(wav.status()).isEqualTo(200);
        assertThat(wav.contentType()).startsWith("audio/wav");
        assertThat(new String(wav.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        var noRecording = owner.download("/api/v1/calls/" + UUID.randomUUID() + "/recording");
        assertThat(noRecording.status()).isEqualTo(404);
        assertThat(noRecording.contentType()).startsWith("application/problem+json");
        expect(200, owner.get("/api/v1/calls/" + call.id() + "/diagnosis"));
        expect(404, owner.get("/api/v1/calls/" + UUID.randomUUID() + "/diagnosis"));
        expect(200, owner.get("/api/v1/calls?verdict=in_progress&providerCallId=" + call.providerCallId()));
        expect(404, owner.get("/api/v1/calls/" + UUID.randomUUID()));
        var placed = Map.of("to", "+33612345678", "phoneNumberId", number, "context", Map.of("customerName", "Ada"),
                "reference", "order-1042", "at", "2030-03-05T09:00:00Z", "retry", Map.of("attempts", 2, "spacingMinutes", 10));
        var outbound = (String) map(expect(202, owner.post("/api/v1/calls", placed)).json().get("call")).get("id");
        expect(400, owner.post("/api/v1/calls", Map.of("to", "0612345678")));
        expect(200, owner.post("/api/v1/calls/" + outbound + "/cancel", null));
        expect(409, owner.post("/api/v1/calls/" + outbound + "/cancel", null));

        var text = id(expect(202, owner.post("/api/v1/messages", Map.of("to", "+33612345678", "phoneNumberId", number, "body", "See you Tuesday!"))));
        expect(400, owner.post("/api/v1/messages", Map.of("to", "33612345678")));
        expect(200, owner.get("/api/v1/messages?direction=outbound&limit=5"));
        expect(200, owner.get("/api/v1/messages/" + text));
        expect(404, owner.get("/api/v1/messages/" + UUID.randomUUID()));

        expect(200, owner.get("/api/v1/outbound-settings"));
        expect(200, owner.put("/api/v1/outbound-settings", Map.of("maxConcurrentOutboundCalls", 3, "callingHours", Map.of("start", "09:00", "end", "18:00"))));
        expect(400, owner.put("/api/v1/outbound-settings", Map.of("callsPerSecond", "many")));

        expect(200, owner.get("/api/v1/external-identities"));
        expect(409, owner.post("/api/v1/external-identities", Map.of("subject", "auth0|42")));
        expect(404, owner.delete("/api/v1/external-identities/auth0%7C42"));

        var onVapi = new HashMap<>(Bodies.assistant("Vapi reception"));
        onVapi.put("runtime", "vapi");
        var vapiAssistant = id(expect(201, owner.post("/api/v1/assistants", onVapi)));
        expect(200, owner.post("/api/v1/studio/sync-vapi", Map.of("assistantId", vapiAssistant)));
        expect(409, owner.post("/api/v1/studio/sync-vapi?assistantId=" + assistant, null));
        expect(200, owner.get("/api/v1/studio/sync-vapi/status"));
    }

    private static Api.Answer expect(int status, Api.Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        return answer;
    }

    private static String id(Api.Answer answer) {
        return (String) answer.json().get("id");
    }

    private Map<String, Object> document() {
        return new Yaml().load(new Api(server, json).get(DOCUMENT).raw());
    }

    /** "METHOD /path/{template}" → the operation, for every operation of the document. */
    private static Map<String, Map<String, Object>> operations(Map<String, Object> document) {
        var operations = new LinkedHashMap<String, Map<String, Object>>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method))
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path, map(operation));
        }));
        return operations;
    }

    /** The operation a request went to: a literal path wins over a template ({@code /calls/stats} over {@code /calls/{id}}). */
    private static Optional<String> operationOf(java.util.Set<String> operations, String method, String path) {
        if (operations.contains(method + " " + path)) return Optional.of(method + " " + path);
        return operations.stream().filter(op -> op.startsWith(method + " "))
                .filter(op -> Pattern.compile(op.substring(method.length() + 1).replaceAll("\\{[^}]+}", "[^/]+")).matcher(path).matches())
                .min((a, b) -> Long.compare(a.chars().filter(c -> c == '{').count(), b.chars().filter(c -> c == '{').count()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static String builtDocument() {
        try (var in = ApiDocumentE2eTest.class.getClassLoader().getResourceAsStream(ApiDocument.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
