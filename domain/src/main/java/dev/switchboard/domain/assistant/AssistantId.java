package dev.switchboard.domain.assistant;

import dev.switchboard.domain.shared.RandomUuids;
import java.util.Objects;
import java.util.UUID;

/** Identifies an assistant configured in a tenant's Studio. */
public record AssistantId(UUID value) {
    public AssistantId {
        Objects.requireNonNull(value, "AssistantId");
    }

    public static AssistantId random() {
        return new AssistantId(RandomUuids.next());
    }

    public static AssistantId parse(String text) {
        return new AssistantId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
