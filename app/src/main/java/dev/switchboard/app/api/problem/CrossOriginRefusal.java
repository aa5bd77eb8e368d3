package dev.switchboard.app.api.problem;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A browser's preflight from an origin not in {@code SWITCHBOARD_CORS_ORIGINS} (or from any origin
 * when none is listed) is refused here, first, with a problem+json naming the origin and the
 * setting. Left to Micronaut, the answer depended on the request: an empty 403 for a server reached
 * as {@code localhost}, a 401 from security for one reached by its public name. A listed origin's
 * preflight goes on to Micronaut's CORS filter; if that refuses it (a method or header the API does
 * not allow), the empty 403 it writes is explained too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CrossOriginRefusal implements Ordered {
    private static final int MAX_ORIGIN_SHOWN = 200;
    private final Set<String> listed;

    CrossOriginRefusal(@Property(name = "micronaut.server.cors.configurations.web.allowed-origins") @Nullable List<String> listed) {
        this.listed = listed == null ? Set.of() : Set.copyOf(listed);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    /** @return the refusal of an unlisted origin's preflight, or null to let the request through */
    @RequestFilter
    @Nullable
    MutableHttpResponse<?> refuseUnlisted(HttpRequest<?> request) {
        var origin = preflightOrigin(request);
        if (origin == null || listed.contains(origin)) return null;
        return HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.of(ProblemBodyProvider.PROBLEM_JSON))
                .body(problem(request, "Cross-origin requests from " + shown(origin) + " are not allowed (" + asked(request) + " "
                        + request.getPath() + "). The operator lists the web origins allowed to call this API in SWITCHBOARD_CORS_ORIGINS."));
    }

    @ResponseFilter
    void explain(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var origin = preflightOrigin(request);
        if (origin == null || response.code() != HttpStatus.FORBIDDEN.getCode() || response.getBody().isPresent()) return;
        response.contentType(MediaType.of(ProblemBodyProvider.PROBLEM_JSON)).body(problem(request, "The preflight from " + shown(origin)
                + " asked for a method or headers this API does not allow across origins (" + asked(request) + " " + request.getPath()
                + "; allowed: GET, POST, PUT, PATCH, DELETE with Authorization, Content-Type and Accept)."));
    }

    @Nullable
    private static String preflightOrigin(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.OPTIONS || asked(request) == null) return null;
        return request.getHeaders().getOrigin().orElse(null);
    }

    @Nullable
    private static String asked(HttpRequest<?> request) {
        return request.getHeaders().get("Access-Control-Request-Method");
    }

    private static String shown(String origin) {
        return origin.length() > MAX_ORIGIN_SHOWN ? origin.substring(0, MAX_ORIGIN_SHOWN) + "…" : origin;
    }

    private static Map<String, Object> problem(HttpRequest<?> request, String detail) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", ProblemType.FORBIDDEN.uri());
        problem.put("title", "Forbidden");
        problem.put("status", 403);
        problem.put("detail", detail);
        problem.put("instance", request.getPath());
        return problem;
    }
}
