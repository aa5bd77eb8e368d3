package dev.switchboard.domain.knowledge;

import java.util.Objects;
import java.util.UUID;

/** Identifies a knowledge document. */
public record KnowledgeDocumentId(UUID value) {
    public KnowledgeDocumentId {
        Objects.requireNonNull(value, "KnowledgeDocumentId");
    }

    public static KnowledgeDocumentId random() {
        return new KnowledgeDocumentId(UUID.randomUUID());
    }

    public static KnowledgeDocumentId parse(String text) {
        return new KnowledgeDocumentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
