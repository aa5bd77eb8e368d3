package dev.switchboard.app.api.problem;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.LinkedHashMap;

/**
 * A browser's preflight that Micronaut refuses (its origin is not in {@code SWITCHBOARD_CORS_ORIGINS},
 * or none is set) gets a problem+json saying so, instead of an empty 403 a web developer can only
 * guess at. Outermost filter, so it sees the refusal whichever inner filter answered it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CrossOriginRefusal implements Ordered {
    private static final int MAX_ORIGIN_SHOWN = 200;

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void explain(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() != HttpMethod.OPTIONS || response.code() != HttpStatus.FORBIDDEN.getCode() || response.getBody().isPresent()) return;
        var origin = request.getHeaders().getOrigin();
        var asked = request.getHeaders().get("Access-Control-Request-Method");
        if (origin.isEmpty() || asked == null) return;
        var shown = origin.get().length() > MAX_ORIGIN_SHOWN ? origin.get().substring(0, MAX_ORIGIN_SHOWN) + "…" : origin.get();
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", ProblemType.FORBIDDEN.uri());
        problem.put("title", "Forbidden");
        problem.put("status", 403);
        problem.put("detail", "Cross-origin requests from " + shown + " are not allowed (" + asked + " " + request.getPath()
                + "). The operator lists the web origins allowed to call this API in SWITCHBOARD_CORS_ORIGINS.");
        problem.put("instance", request.getPath());
        response.contentType(MediaType.of(ProblemBodyProvider.PROBLEM_JSON)).body(problem);
    }
}
