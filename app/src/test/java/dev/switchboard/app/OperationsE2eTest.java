package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What operators and API clients rely on without logging in. */
@MicronautTest
class OperationsE2eTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    java.util.List<io.micronaut.management.health.indicator.HealthIndicator> indicators;

    @Test
    void health_is_up_checks_the_database_and_shows_no_details() {
        var health = new Api(server, json).get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).containsEntry("status", "UP").doesNotContainKey("details");
        assertThat(health.raw()).doesNotContain("jdbc:postgresql");
        assertThat(indicators).anyMatch(i -> i.getClass().getSimpleName().equals("JdbcIndicator"));
    }

    @Test
    void the_openapi_document_describes_the_api() {
        var doc = new Api(server, json).get("/openapi/switchboard.yml");
        assertThat(doc.status()).isEqualTo(200);
        // Its own media type, not text/plain (Micronaut's extension table has no .yml).
        assertThat(doc.contentType()).startsWith("application/yaml");
        assertThat(doc.raw()).contains("/api/v1/assistants", "/api/v1/calls/{id}", "/api/v1/auth/login", "/api/v1/connections/{provider}");
    }

    @Test
    void unknown_routes_and_methods_answer_problem_json() {
        var api = new Api(server, json).newTenant("Ops");
        var missing = api.get("/api/v1/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        var wrongMethod = api.send("PATCH", "/api/v1/tenant", Map.of());
        assertThat(wrongMethod.status()).isIn(404, 405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
    }
}
