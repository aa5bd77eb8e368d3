package dev.switchboard.app.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The headers every answer carries so a browser treats it as what it is: no content-type sniffing
 * (a transcript read as HTML would run a caller's words as script), never framed, no referrer
 * leaking a call's id to another site. API answers — transcripts, customers' numbers — are also
 * marked {@code no-store}: no shared cache or browser history keeps them.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {
    @Override
    public int getOrder() {
        // Outermost with the cross-origin refusal: it sees the answers inner filters gave, refusals included.
        return HIGHEST_PRECEDENCE + 1;
    }

    @ResponseFilter
    void mark(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        if (request.getPath().startsWith("/api/") && !headers.contains(HttpHeaders.CACHE_CONTROL))
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
