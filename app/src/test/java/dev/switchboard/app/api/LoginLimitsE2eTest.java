package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import dev.switchboard.app.ApiDocument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Login and sign-up limits over the wire, behind a proxy that names the client in
 * {@code X-Forwarded-For} (the last entry is the proxy's; earlier ones are what the client claimed).
 */
@MicronautTest
@Property(name = "switchboard.client-address-header", value = "X-Forwarded-For")
@Property(name = "switchboard.signup.max-per-address", value = "3")
class LoginLimitsE2eTest {
    private static final String PASSWORD = "correct horse battery";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Test
    void thirty_concurrent_wrong_passwords_are_not_all_checked() throws Exception {
        var email = signUp("203.0.113.1");
        var http = HttpClient.newHttpClient();
        var body = json.writeValueAsString(Map.of("email", email, "password", "wrong guess"));
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) answers.add(http.sendAsync(login(body, "203.0.113.66"), HttpResponse.BodyHandlers.ofString()).thenApply(ApiDocument::checked));
        var statuses = answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).isSubsetOf(401, 429, 503);
        assertThat(statuses.stream().filter(s -> s == 401).count()).isLessThanOrEqualTo(10);
        // A 503 (no hashing slot free) may stand in for a 429 on a loaded machine; either way 20 were never checked.
        assertThat(statuses.stream().filter(s -> s == 429 || s == 503).count()).isGreaterThanOrEqualTo(20);

        var owner = send(http, login(json.writeValueAsString(Map.of("email", email, "password", PASSWORD)), "198.51.100.5"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(owner.statusCode()).as("the owner, elsewhere, is not locked out").isEqualTo(200);
        // Attempts refused with 503 (no hashing slot) were never checked and do not count: top up to the limit.
        for (long i = statuses.stream().filter(s -> s == 401).count(); i < 10; i++)
            assertThat(send(http, login(body, "203.0.113.66"), HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(401, 503);
        var guesser = send(http, login(json.writeValueAsString(Map.of("email", email, "password", PASSWORD)), "203.0.113.66"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(guesser.statusCode()).isEqualTo(429);
        assertThat(guesser.body()).contains("too many failed logins");
    }

    @Test
    void a_forged_forwarding_entry_does_not_escape_the_limit() throws Exception {
        var email = signUp("203.0.113.2");
        var http = HttpClient.newHttpClient();
        var body = json.writeValueAsString(Map.of("email", email, "password", "wrong guess"));
        for (int i = 0; i < 10; i++)
            send(http, login(body, "10.9.9." + i + ", 203.0.113.77"), HttpResponse.BodyHandlers.ofString());
        var right = json.writeValueAsString(Map.of("email", email, "password", PASSWORD));
        assertThat(send(http, login(right, "10.9.9.200, 203.0.113.77"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(429);
    }

    @Test
    void sign_up_is_limited_per_client_address() throws Exception {
        var http = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++)
            assertThat(send(http, signUpRequest("192.0.2.10"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        var fourth = send(http, signUpRequest("192.0.2.10"), HttpResponse.BodyHandlers.ofString());
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(fourth.body()).contains("too many sign-ups from your address");
        assertThat(send(http, signUpRequest("192.0.2.11"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
    }

    private String signUp(String from) throws Exception {
        var email = "owner-" + UUID.randomUUID() + "@example.com";
        var request = HttpRequest.newBuilder(server.getURI().resolve("/api/v1/signup")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("tenantName", "Salon", "email", email,
                        "password", PASSWORD)))).build();
        var answer = send(HttpClient.newHttpClient(), request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return email;
    }

    private HttpRequest signUpRequest(String from) throws Exception {
        var body = json.writeValueAsString(Map.of("tenantName", "Salon", "email", "owner-" + UUID.randomUUID() + "@example.com",
                "password", PASSWORD));
        return HttpRequest.newBuilder(server.getURI().resolve("/api/v1/signup")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", from).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends and checks the answer against the OpenAPI document, as {@code Api} does for other tests. */
    private static HttpResponse<String> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<String> handler) throws Exception {
        return ApiDocument.checked(http.send(request, handler));
    }

    private HttpRequest login(String body, String forwardedFor) {
        return HttpRequest.newBuilder(server.getURI().resolve("/api/v1/auth/login")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}
