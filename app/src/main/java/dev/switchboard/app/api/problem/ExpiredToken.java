package dev.switchboard.app.api.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a request was refused for want of a valid token, tells whether the bearer token it carried
 * had simply expired, so the 401 can say "log in again" instead of a generic refusal. Reads only
 * the token's {@code exp} claim, unverified: the answer is a 401 either way, the wording is all
 * that changes, and a forger learns nothing from being told the {@code exp} he wrote is past.
 */
final class ExpiredToken {
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d{1,12})");

    private ExpiredToken() {}

    /** The moment the request's bearer token expired, when it carries one that has. */
    static Optional<Instant> of(HttpRequest<?> request, Instant now) {
        var header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        var parts = header.substring(7).strip().split("\\.");
        if (parts.length != 3) return Optional.empty();
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        var exp = EXP.matcher(payload);
        if (!exp.find()) return Optional.empty();
        var expiry = Instant.ofEpochSecond(Long.parseLong(exp.group(1)));
        return expiry.isBefore(now) ? Optional.of(expiry) : Optional.empty();
    }
}
