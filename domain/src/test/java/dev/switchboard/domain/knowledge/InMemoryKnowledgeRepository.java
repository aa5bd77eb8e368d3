package dev.switchboard.domain.knowledge;

import dev.switchboard.domain.shared.TenantId;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * In-memory {@link KnowledgeRepository} for domain tests. Its "stemming" is crude (lower case, no
 * accents, the first five letters), enough to behave like PostgreSQL's full-text search on the
 * contract's examples; the real stemming is tested on PostgreSQL.
 */
public final class InMemoryKnowledgeRepository implements KnowledgeRepository {
    private final Map<KnowledgeDocumentId, KnowledgeDocument> documents = new ConcurrentHashMap<>();

    @Override
    public synchronized void save(KnowledgeDocument document) {
        var existing = documents.get(document.id());
        if (existing != null && !existing.tenantId().equals(document.tenantId()))
            throw new IllegalArgumentException("knowledge document exists: " + document.id());
        documents.put(document.id(), existing == null ? document
                : existing.revised(document.title(), document.content(), document.language(), document.updatedAt()));
    }

    @Override
    public Optional<KnowledgeDocument> findById(TenantId tenantId, KnowledgeDocumentId id) {
        return Optional.ofNullable(documents.get(id)).filter(d -> d.tenantId().equals(tenantId));
    }

    @Override
    public List<KnowledgeDocument> list(TenantId tenantId) {
        return documents.values().stream().filter(d -> d.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(KnowledgeDocument::title).thenComparing(d -> d.id().value().toString())).toList();
    }

    @Override
    public boolean delete(TenantId tenantId, KnowledgeDocumentId id) {
        return findById(tenantId, id).map(d -> documents.remove(id) != null).orElse(false);
    }

    @Override
    public List<KnowledgePassage> search(TenantId tenantId, String query, String language, int limit) {
        if (limit < 1 || limit > MAX_RESULTS) throw new IllegalArgumentException("limit must be 1.." + MAX_RESULTS + ": " + limit);
        var terms = stems(query);
        if (terms.isEmpty()) return List.of();
        return documents.values().stream()
                .filter(d -> d.tenantId().equals(tenantId))
                .filter(d -> language == null || KnowledgeDocument.primaryLanguage(d.language()).equals(KnowledgeDocument.primaryLanguage(language)))
                .map(d -> hit(d, terms))
                .filter(p -> p.rank() > 0)
                .sorted(Comparator.comparing(KnowledgePassage::rank).reversed())
                .limit(limit).toList();
    }

    private static KnowledgePassage hit(KnowledgeDocument d, Set<String> terms) {
        var words = stems(d.title() + " " + d.content());
        long matched = terms.stream().filter(words::contains).count();
        var sentence = Arrays.stream(d.content().split("(?<=[.!?\\n])"))
                .filter(s -> stems(s).stream().anyMatch(terms::contains)).findFirst().orElse(d.content()).strip();
        double rank = matched == terms.size() ? 1 + matched : matched / (double) terms.size();
        return new KnowledgePassage(d.id(), d.title(), sentence, rank);
    }

    private static Set<String> stems(String text) {
        var plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(plain.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .map(w -> w.length() > 5 ? w.substring(0, 5) : w).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
