package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.RandomUuids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a user who signs in to a tenant. */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "UserId");
    }

    public static UserId random() {
        return new UserId(RandomUuids.next());
    }

    public static UserId parse(String text) {
        return new UserId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
