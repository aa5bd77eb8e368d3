package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.PortFailure;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/**
 * Writes and reads JSONB columns with Micronaut Serde. SQL binds the text with
 * {@code CAST(? AS jsonb)}, so no driver-specific JSON type is needed.
 */
@Singleton
final class JsonColumns {
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final JsonMapper mapper;

    JsonColumns(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            // Domain values are plain maps, lists, strings, numbers and booleans: this is a bug
            // in the caller (an unserializable value), not an outage.
            throw new PortFailure(PortFailure.Category.BAD_REQUEST, "value cannot be stored as JSON", e);
        }
    }

    /** A JSON object as nested maps, lists, strings, numbers and booleans. */
    Map<String, Object> readObject(String json) {
        if (json == null) return Map.of();
        try {
            return mapper.readValue(json, OBJECT);
        } catch (IOException e) {
            throw new PortFailure(PortFailure.Category.UNAVAILABLE, "stored JSON is unreadable", e);
        }
    }
}
