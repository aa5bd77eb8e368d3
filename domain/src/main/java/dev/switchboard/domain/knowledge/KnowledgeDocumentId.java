package dev.switchboard.domain.knowledge;

import dev.switchboard.domain.shared.RandomUuids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a knowledge document. */
public record KnowledgeDocumentId(UUID value) {
    public KnowledgeDocumentId {
        Objects.requireNonNull(value, "KnowledgeDocumentId");
    }

    public static KnowledgeDocumentId random() {
        return new KnowledgeDocumentId(RandomUuids.next());
    }

    public static KnowledgeDocumentId parse(String text) {
        return new KnowledgeDocumentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
