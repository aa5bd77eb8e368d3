package dev.switchboard.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.app.ApiDocument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every answer — API, refusal, webhook, health — carries the browser-facing security headers; API answers are not stored. */
@MicronautTest
class SecurityHeadersE2eTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void api_answers_refusals_webhooks_and_health_all_carry_them() throws Exception {
        var token = new Api(server, json).newTenant("Salon en-têtes").token();
        var tenant = ApiDocument.checked(send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/tenant"))
                .header("Authorization", "Bearer " + token)));
        var refused = send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/calls")));
        var webhook = send(HttpRequest.newBuilder(server.getURI().resolve("/webhooks/twilio/voice"))
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA1")).header("Content-Type", "application/x-www-form-urlencoded"));
        var health = send(HttpRequest.newBuilder(server.getURI().resolve("/health")));

        assertThat(tenant.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(webhook.statusCode()).isEqualTo(403);
        for (var answer : new HttpResponse<?>[] {tenant, refused, webhook, health}) {
            var headers = answer.headers();
            var what = answer.request().uri().getPath() + " " + answer.statusCode();
            assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        }
        assertThat(tenant.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(health.headers().firstValue("Cache-Control")).isEmpty();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
