package dev.switchboard.domain.knowledge;

import java.util.Objects;

/**
 * A search hit: the document and the part of its content that matches best.
 *
 * @param rank how well it matches, greater is better; only comparable within one search
 */
public record KnowledgePassage(KnowledgeDocumentId documentId, String title, String passage, double rank) {
    public KnowledgePassage {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(passage, "passage");
    }
}
