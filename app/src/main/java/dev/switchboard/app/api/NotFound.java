package dev.switchboard.app.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.function.Function;

/**
 * 404s. Another tenant's id and an id that is not even well-formed get the same answer as an
 * unknown one, so ids reveal nothing about other tenants.
 */
final class NotFound {
    private NotFound() {}

    static HttpStatusException of(String what, String id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, what + " " + id + " not found");
    }

    static <T> T id(String what, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw of(what, raw);
        }
    }
}
