package dev.switchboard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scrape token's refusals read like the API's other problems (issue 13: they said {@code about:blank}). */
class ScrapeTokenFilterTest {
    private final ScrapeTokenFilter filter = new ScrapeTokenFilter(new MetricsProperties("scrape-secret"));

    @Test
    void a_missing_or_wrong_token_is_an_unauthorized_problem_naming_the_token() {
        for (var request : java.util.List.of(HttpRequest.GET("/prometheus"),
                HttpRequest.GET("/prometheus").bearerAuth("a-users-jwt"))) {
            var refusal = filter.checkToken(request);

            assertThat(refusal.code()).isEqualTo(401);
            assertThat(refusal.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
            var problem = body(refusal);
            assertThat(problem).containsEntry("type", "https://switchboard.dev/problems/unauthorized").containsEntry("title", "Unauthorized")
                    .containsEntry("status", 401).containsEntry("instance", "/prometheus");
            assertThat((String) problem.get("detail")).contains("SWITCHBOARD_METRICS_TOKEN").doesNotContain("scrape-secret");
        }
    }

    @Test
    void metrics_switched_off_is_a_not_found_problem_saying_how_to_switch_them_on() {
        var refusal = new ScrapeTokenFilter(new MetricsProperties(null)).checkToken(HttpRequest.GET("/prometheus"));

        assertThat(refusal.code()).isEqualTo(404);
        assertThat(body(refusal)).containsEntry("type", "https://switchboard.dev/problems/not-found").containsEntry("status", 404);
        assertThat((String) body(refusal).get("detail")).contains("SWITCHBOARD_METRICS_TOKEN");
    }

    @Test
    void the_right_token_goes_through() {
        assertThat(filter.checkToken(HttpRequest.GET("/prometheus").bearerAuth("scrape-secret"))).isNull();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpResponse<?> response) {
        return (Map<String, Object>) response.body();
    }
}
