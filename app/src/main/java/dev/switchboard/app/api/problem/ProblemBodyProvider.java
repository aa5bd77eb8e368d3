package dev.switchboard.app.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error the server writes as JSON — ours, Micronaut's (malformed JSON, unknown route,
 * wrong method) and Micronaut Security's (401/403) — becomes RFC 9457 problem+json:
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, and
 * {@code errors} naming each bad field. Server errors never echo exception text.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Map<String, Object>> {
    static final String PROBLEM_JSON = "application/problem+json";
    private final Clock clock;

    ProblemBodyProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String contentType() {
        return PROBLEM_JSON;
    }

    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        int code = response.code();
        var type = ProblemType.of(code);
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", type.uri());
        problem.put("title", response.reason());
        problem.put("status", code);
        problem.put("detail", detail(context, code));
        problem.put("instance", context.getRequest().getPath());
        List<Map<String, String>> fields = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> Map.of("field", e.getPath().get(), "message", e instanceof FieldError f ? f.message() : e.getMessage()))
                .toList();
        if (!fields.isEmpty()) problem.put("errors", fields);
        return problem;
    }

    private String detail(ErrorContext context, int code) {
        if (code == 500) return "Something went wrong on our side; it has been logged.";
        if (code == 401 && context.getRequest().getPath().endsWith("/auth/login")) return "Wrong e-mail or password.";
        if (code == 401) {
            var expired = ExpiredToken.of(context.getRequest(), clock.instant());
            if (expired.isPresent())
                return "The bearer token expired at " + expired.get() + "; log in again (POST /api/v1/auth/login) for a new one.";
            return "A valid bearer token is required (POST /api/v1/auth/login to get one).";
        }
        var errors = context.getErrors();
        if (errors.isEmpty()) return "The request could not be processed.";
        if (errors.size() == 1) return errors.get(0).getMessage();
        return errors.size() + " fields are invalid: " + String.join("; ", errors.stream().map(e -> e.getMessage()).toList());
    }
}
