package dev.switchboard.domain.call;

import java.util.Objects;
import java.util.UUID;

/** Identifies a call, whatever runtime carried it. */
public record CallId(UUID value) {
    public CallId {
        Objects.requireNonNull(value, "CallId");
    }

    public static CallId random() {
        return new CallId(UUID.randomUUID());
    }

    public static CallId parse(String text) {
        return new CallId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
