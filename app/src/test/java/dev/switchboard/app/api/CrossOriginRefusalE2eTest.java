package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** With no origins listed, a browser's preflight anywhere gets a problem+json, not an empty 403. */
@MicronautTest
class CrossOriginRefusalE2eTest {
    @Inject
    EmbeddedServer server;

    @Test
    void a_preflight_without_listed_origins_is_refused_with_the_reason() throws Exception {
        var http = HttpClient.newHttpClient();
        for (var path : new String[] {"/api/v1/assistants", "/health", "/webhooks/twilio/voice", "/no/such/path"}) {
            var answer = http.send(HttpRequest.newBuilder(server.getURI().resolve(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://dashboard.example").header("Access-Control-Request-Method", "DELETE").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(answer.body()).as(path).contains("https://dashboard.example", "SWITCHBOARD_CORS_ORIGINS",
                    "\"instance\":\"" + path + "\"");
        }
    }
}
