package dev.switchboard.app.api.problem;

import io.micronaut.http.server.exceptions.response.Error;
import java.util.Optional;

/** One thing wrong with a request, named by its JSON path (e.g. {@code voice.speed}). */
public record FieldError(String field, String message) implements Error {
    @Override
    public Optional<String> getPath() {
        return Optional.of(field);
    }

    @Override
    public String getMessage() {
        return field + ": " + message;
    }
}
