package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class AuthE2eTest {
    private static final String PASSWORD = "correct horse battery";

    @jakarta.inject.Inject
    EmbeddedServer server;

    @jakarta.inject.Inject
    JsonMapper json;

    @Value("${micronaut.security.token.jwt.signatures.secret.generator.secret}")
    String signingSecret;

    private Api api;
    private String email;
    private String tenantId;
    private String userId;

    @BeforeEach
    void sign_up() {
        api = new Api(server, json);
        email = "Owner-" + UUID.randomUUID() + "@Example.com";
        var answer = api.post("/api/v1/signup", Map.of("tenantName", "Salon Lumière", "email", email, "password", PASSWORD,
                "timezone", "Europe/Paris"));
        assertThat(answer.status()).isEqualTo(201);
        tenantId = (String) answer.json().get("tenantId");
        userId = (String) answer.json().get("userId");
        assertThat(answer.json()).containsEntry("email", email.toLowerCase()).containsEntry("token_type", "Bearer");
    }

    @Test
    void login_returns_a_bearer_token_that_opens_the_api() {
        var login = api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json()).containsOnlyKeys("access_token", "token_type", "expires_in")
                .containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);

        var tenant = api.as((String) login.json().get("access_token")).get("/api/v1/tenant");
        assertThat(tenant.status()).isEqualTo(200);
        assertThat(tenant.json()).containsEntry("id", tenantId).containsEntry("name", "Salon Lumière")
                .containsEntry("timezone", "Europe/Paris").containsEntry("role", "owner");
    }

    @Test
    void the_owner_renames_the_tenant_and_moves_its_timezone() {
        var owner = api.as((String) api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).json().get("access_token"));
        var updated = owner.put("/api/v1/tenant", Map.of("name", "Salon Lumière Lyon", "timezone", "America/Montreal"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(owner.get("/api/v1/tenant").json()).containsEntry("name", "Salon Lumière Lyon").containsEntry("timezone", "America/Montreal");
        var bad = owner.put("/api/v1/tenant", Map.of("timezone", "Atlantis/Capital"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(owner.get("/api/v1/tenant").json()).containsEntry("timezone", "America/Montreal");
    }

    @Test
    void a_wrong_password_or_unknown_email_is_401_problem_json() {
        for (var attempt : new Map[] {Map.of("email", email, "password", "wrong password!"),
                Map.of("email", "nobody@example.com", "password", PASSWORD)}) {
            var answer = api.post("/api/v1/auth/login", attempt);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json()).containsEntry("status", 401).containsEntry("type", "https://switchboard.dev/problems/unauthorized")
                    .containsEntry("detail", "Wrong e-mail or password.");
            assertThat(answer.raw()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void repeated_wrong_passwords_are_refused_for_a_while_even_with_the_right_one() {
        for (int i = 0; i < 10; i++)
            assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", "guess number " + i)).status()).isEqualTo(401);
        var throttled = api.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat((String) throttled.json().get("detail")).contains("too many failed logins");
    }

    @Test
    void missing_forged_and_expired_tokens_are_401() {
        long now = Instant.now().getEpochSecond();
        var claims = "{\"sub\":\"%s\",\"tenant\":\"%s\",\"roles\":[\"OWNER\"],\"iat\":%d,\"exp\":%d}";
        var forged = Jwts.hs256("a-different-secret-that-is-at-least-32-bytes", claims.formatted(userId, tenantId, now, now + 600));
        var expired = Jwts.hs256(signingSecret, claims.formatted(userId, tenantId, now - 7200, now - 3600));
        var valid = Jwts.hs256(signingSecret, claims.formatted(userId, tenantId, now, now + 600));

        assertThat(api.get("/api/v1/assistants").status()).isEqualTo(401);
        assertThat(api.as("not-a-jwt").get("/api/v1/assistants").status()).isEqualTo(401);
        assertThat(api.as(forged).get("/api/v1/assistants").status()).isEqualTo(401);
        assertThat(api.as(expired).get("/api/v1/assistants").status()).isEqualTo(401);
        assertThat(api.as(valid).get("/api/v1/assistants").status()).isEqualTo(200);
        var problem = api.as(expired).get("/api/v1/assistants");
        assertThat(problem.contentType()).startsWith("application/problem+json");
    }

    @Test
    void an_email_signs_up_once() {
        var again = api.post("/api/v1/signup", Map.of("tenantName", "Copycat", "email", email, "password", PASSWORD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void signup_names_every_bad_field() {
        var answer = api.post("/api/v1/signup", Map.of("email", "not-an-email", "password", "short", "timezone", "Mars/Olympus"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors")).asList().extracting("field")
                .containsExactlyInAnyOrder("tenantName", "email", "password", "timezone");
    }
}
