package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The check every end-to-end exchange goes through ({@link Api} → {@link ApiDocument}) really
 * refuses drift: an answer field the document does not name, a required field left out, a status
 * the operation does not list. Exchanges made up here, against the built document; no server.
 */
class ApiDocumentTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String TENANT = "{\"id\":\"t1\",\"name\":\"Salon\",\"timezone\":\"Europe/Paris\",\"role\":\"owner\",\"createdAt\":\"2026-03-02T09:00:00Z\"";

    private static ApiDocument.Exchange getTenant(int status, String contentType, String body) {
        return new ApiDocument.Exchange("GET", "/api/v1/tenant", null, true, status, contentType, body);
    }

    @Test
    void an_answer_as_documented_passes() {
        assertThat(ApiDocument.mismatches(getTenant(200, "application/json", TENANT + "}"))).isEmpty();
    }

    @Test
    void a_field_the_document_does_not_name_a_missing_required_field_and_an_unlisted_status_fail() {
        assertThat(ApiDocument.mismatches(getTenant(200, "application/json", TENANT + ",\"plan\":\"gold\"}")))
                .anySatisfy(m -> assertThat(m).contains("additionalProperties").contains("plan"));
        assertThat(ApiDocument.mismatches(getTenant(200, "application/json", "{\"id\":\"t1\",\"name\":\"Salon\"}")))
                .anySatisfy(m -> assertThat(m).contains("required"));
        assertThat(ApiDocument.mismatches(getTenant(418, PROBLEM, "{}"))).isNotEmpty();
        assertThatThrownBy(() -> ApiDocument.check(getTenant(200, "application/json", TENANT.replace("owner", "king") + "}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /api/v1/tenant → 200 (getTenant)");
    }

    @Test
    void a_route_the_api_does_not_have_must_still_answer_problem_json() {
        var problem = "{\"type\":\"https://switchboard.dev/problems/not-found\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"Page Not Found\",\"instance\":\"/api/v1/nothing\"}";
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("GET", "/api/v1/nothing", null, true, 404, PROBLEM, problem))).isEmpty();
        assertThat(ApiDocument.mismatches(new ApiDocument.Exchange("GET", "/api/v1/nothing", null, true, 404, "text/html", "<h1>no</h1>"))).isNotEmpty();
    }
}
