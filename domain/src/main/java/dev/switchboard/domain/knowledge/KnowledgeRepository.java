package dev.switchboard.domain.knowledge;

import dev.switchboard.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores a tenant's knowledge documents and searches them by full text; contract in
 * {@code KnowledgeRepositoryContract}.
 */
public interface KnowledgeRepository {
    int MAX_RESULTS = 20;

    /**
     * Inserts the document, or replaces title, content, language and update time if it exists.
     *
     * @throws IllegalArgumentException if the id belongs to another tenant
     */
    void save(KnowledgeDocument document);

    Optional<KnowledgeDocument> findById(TenantId tenantId, KnowledgeDocumentId id);

    /** The tenant's documents by title. */
    List<KnowledgeDocument> list(TenantId tenantId);

    /** @return whether a document of the tenant was deleted */
    boolean delete(TenantId tenantId, KnowledgeDocumentId id);

    /**
     * The best passages for a query in everyday words (a question, keywords, a quoted phrase),
     * best first. A document matches when it contains any of the query's words after stemming in
     * the document's language; documents containing all of them rank first.
     *
     * @param language only documents whose primary language subtag is this one's; {@code null} for all
     * @param limit 1..{@value #MAX_RESULTS}
     */
    List<KnowledgePassage> search(TenantId tenantId, String query, String language, int limit);
}
