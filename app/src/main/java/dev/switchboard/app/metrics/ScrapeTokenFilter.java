package dev.switchboard.app.metrics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Guards {@code /prometheus} with the scrape token, before routing and before JWT security (a
 * scraper holds a static token, not a user's session). Constant-time comparison.
 */
@ServerFilter({"/prometheus", "/prometheus/**"})
final class ScrapeTokenFilter {
    private static final String PROBLEM_BASE = "https://switchboard.dev/problems/";
    private final MetricsProperties properties;

    ScrapeTokenFilter(MetricsProperties properties) {
        this.properties = properties;
    }

    /** @return a refusal, or null to let the scrape through */
    @RequestFilter
    @Nullable
    MutableHttpResponse<?> checkToken(HttpRequest<?> request) {
        if (!properties.enabled()) return problem(request, HttpStatus.NOT_FOUND, "not-found", "Not Found",
                "Metrics are off: set SWITCHBOARD_METRICS_TOKEN and scrape with Authorization: Bearer <token>.");
        var header = request.getHeaders().getAuthorization().orElse("");
        var expected = ("Bearer " + properties.token()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected))
            return problem(request, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "The metrics scrape token is required: send Authorization: Bearer <SWITCHBOARD_METRICS_TOKEN>"
                            + " (a user's login token does not open /prometheus).");
        return null;
    }

    /**
     * The same problem+json shape and {@code type} URIs as every other refusal of the server
     * ({@code api.problem.ProblemType}), so a scraper's operator can branch on the type; not
     * {@code about:blank}, which says nothing about which problem it is.
     */
    private static MutableHttpResponse<?> problem(HttpRequest<?> request, HttpStatus status, String slug, String title, String detail) {
        return HttpResponse.status(status).contentType(MediaType.of("application/problem+json"))
                .body(Map.of("type", PROBLEM_BASE + slug, "title", title, "status", status.getCode(), "detail", detail,
                        "instance", request.getPath()));
    }
}
