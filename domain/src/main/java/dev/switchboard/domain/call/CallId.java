package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.RandomUuids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a call, whatever runtime carried it. */
public record CallId(UUID value) {
    public CallId {
        Objects.requireNonNull(value, "CallId");
    }

    public static CallId random() {
        return new CallId(RandomUuids.next());
    }

    public static CallId parse(String text) {
        return new CallId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
