package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the API says about bodies it cannot take as they are: a field it does not know (named, on
 * every endpoint that takes a body, nested objects included), no body at all, and an expired token.
 */
@MicronautTest
class ApiInputE2eTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Value("${micronaut.security.token.jwt.signatures.secret.generator.secret}")
    String signingSecret;

    private Api anonymous;
    private Api owner;

    @BeforeEach
    void a_tenant() {
        anonymous = new Api(server, json);
        owner = new Api(server, json).newTenant("Salon");
    }

    @Test
    void an_assistant_posted_with_enabledTools_is_400_naming_the_field_and_nothing_is_saved() {
        var body = Bodies.assistant("Reception");
        body.remove("tools");
        body.put("enabledTools", List.of("book_appointment"));
        var answer = owner.post("/api/v1/assistants", body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        @SuppressWarnings("unchecked")
        var errors = (List<Map<String, Object>>) answer.json().get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("enabledTools");
        assertThat((String) errors.get(0).get("message")).startsWith("unknown field; this object takes name, persona, systemPrompt")
                .contains("tools");
        assertThat((String) answer.json().get("detail")).startsWith("enabledTools: unknown field");
        assertThat(owner.get("/api/v1/assistants").list()).isEmpty();

        var nested = Bodies.assistant("Reception");
        nested.put("model", Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "maxToken", 300,
                "fallback", Map.of("provider", "openai", "model", "gpt-4o-mini", "temp", 1)));
        nested.put("voice", Map.of("provider", "google", "voiceId", "v", "pitch", 2));
        assertThat(AssistantApiE2eTest.fields(owner.post("/api/v1/assistants", nested)))
                .containsExactlyInAnyOrder("model.maxToken", "model.fallback.temp", "voice.pitch");
    }

    @Test
    void every_endpoint_that_takes_a_body_names_an_unknown_field() {
        var assistantId = (String) owner.post("/api/v1/assistants", Bodies.assistant("Reception")).json().get("id");
        var numberId = (String) owner.post("/api/v1/phone-numbers", Bodies.number(uniqueNumber(), null)).json().get("id");
        var documentId = (String) owner.post("/api/v1/knowledge", Map.of("title", "Prices", "content", "A cut is 30 euros.",
                "language", "en")).json().get("id");
        var email = "someone-" + UUID.randomUUID() + "@example.com";

        var cases = List.of(
                new Case(anonymous, "POST", "/api/v1/signup", Map.of("tenantName", "X", "email", email, "password", "correct horse battery")),
                new Case(anonymous, "POST", "/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery")),
                new Case(owner, "PUT", "/api/v1/tenant", Map.of("name", "Salon")),
                new Case(owner, "POST", "/api/v1/assistants", Bodies.assistant("Second")),
                new Case(owner, "PUT", "/api/v1/assistants/" + assistantId, Bodies.assistant("Renamed")),
                new Case(owner, "PUT", "/api/v1/availability", ToolsApi.salonRules()),
                new Case(owner, "PUT", "/api/v1/connections/anthropic", Map.of("apiKey", "sk-ant-test")),
                new Case(owner, "POST", "/api/v1/knowledge", Map.of("title", "T", "content", "C", "language", "en")),
                new Case(owner, "PUT", "/api/v1/knowledge/" + documentId, Map.of("title", "T", "content", "C", "language", "en")),
                new Case(owner, "POST", "/api/v1/phone-numbers", Bodies.number(uniqueNumber(), null)),
                new Case(owner, "PUT", "/api/v1/phone-numbers/" + numberId, Map.of("label", "Back office")),
                new Case(owner, "POST", "/api/v1/studio/sync-vapi", Map.of("assistantId", assistantId)));
        for (var c : cases) {
            var body = new HashMap<String, Object>(c.body());
            body.put("colour", "blue");
            var answer = c.client().send(c.method(), c.path(), body);
            assertThat(answer.status()).as(c.method() + " " + c.path() + ": " + answer.raw()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("errors")).as(c.path()).asList().extracting("field").containsExactly("colour");
        }
        assertThat(owner.get("/api/v1/tenant").json()).containsEntry("name", "Salon");
        assertThat(owner.get("/api/v1/assistants").list()).hasSize(1);
        assertThat(owner.get("/api/v1/connections").list()).isEmpty();
    }

    @Test
    void a_missing_body_says_a_json_body_is_required() {
        for (var path : List.of("/api/v1/assistants", "/api/v1/knowledge", "/api/v1/phone-numbers")) {
            // A JSON content type and no body; Api checks the 400 against the document's Problem schema.
            var answer = owner.send("POST", path, null, Map.of("Content-Type", "application/json"));
            assertThat(answer.status()).as(path + ": " + answer.raw()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json()).containsEntry("detail", "body: a JSON body is required")
                    .containsEntry("errors", List.of(Map.of("field", "body", "message", "a JSON body is required")));
            assertThat(answer.raw()).doesNotContain("Required Body", "raw");
        }
        var notAnObject = owner.post("/api/v1/assistants", "[1, 2]");
        assertThat(notAnObject.json()).containsEntry("errors", List.of(Map.of("field", "body", "message", "must be a JSON object")));
    }

    @Test
    void an_expired_token_is_401_saying_it_expired() {
        var tenant = (String) owner.get("/api/v1/tenant").json().get("id");
        long now = Instant.now().getEpochSecond();
        var claims = "{\"sub\":\"%s\",\"tenant\":\"%s\",\"roles\":[\"OWNER\"],\"iat\":%d,\"exp\":%d}";
        var expired = Jwts.hs256(signingSecret, claims.formatted(UUID.randomUUID(), tenant, now - 7200, now - 3600));
        var answer = anonymous.as(expired).get("/api/v1/assistants");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json()).containsEntry("type", "https://switchboard.dev/problems/unauthorized")
                .containsEntry("detail", "The bearer token expired at " + Instant.ofEpochSecond(now - 3600)
                        + "; log in again (POST /api/v1/auth/login) for a new one.");

        var garbage = anonymous.as("not-a-jwt").get("/api/v1/assistants");
        assertThat(garbage.json()).containsEntry("detail", "A valid bearer token is required (POST /api/v1/auth/login to get one).");
    }

    private record Case(Api client, String method, String path, Map<String, Object> body) {}

    private static String uniqueNumber() {
        return "+3314" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
    }
}
