package dev.switchboard.testkit.twilio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as {@link FakeTwilioRest} received it, before any check.
 *
 * @param route the route it matched, or null for a path Twilio does not serve
 * @param query decoded query parameters, in order, repeated keys kept
 * @param form decoded form parameters of a POST body, in order, repeated keys kept
 * @param username the Basic auth user (an account SID), or null without Basic auth
 * @param password the Basic auth password (an auth token), or null
 */
public record TwilioApiRequest(String method, String path, TwilioRoute route, Map<String, List<String>> query,
                               Map<String, List<String>> form, String username, String password, String contentType) {
    public TwilioApiRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
    }

    /** The first value of a form parameter, or null. */
    public String param(String name) {
        var values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated form parameter (e.g. {@code StatusCallbackEvent}), in order. */
    public List<String> params(String name) {
        return form.getOrDefault(name, List.of());
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        var values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
