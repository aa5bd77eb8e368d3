package dev.switchboard.persistence.out;

import dev.switchboard.domain.knowledge.KnowledgeDocument;
import dev.switchboard.domain.knowledge.KnowledgeDocumentId;
import dev.switchboard.domain.knowledge.KnowledgePassage;
import dev.switchboard.domain.knowledge.KnowledgeRepository;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/**
 * Knowledge documents in {@code knowledge_documents}, searched with PostgreSQL full-text search.
 * Each document is stemmed with the configuration of its language (the generated
 * {@code search_config}: french, english or simple), and the query is parsed with
 * {@code websearch_to_tsquery} in that same configuration, so "coupes" finds "coupe" in French
 * documents and "appointments" finds "appointment" in English ones. A document matches on any
 * of the query's words (callers ask questions, not keyword lists); one that matches them all
 * ranks above every partial match. The passage is {@code ts_headline}'s best fragments.
 */
@Singleton
final class PostgresKnowledgeRepository implements KnowledgeRepository {
    private static final String COLUMNS = "id, tenant_id, title, content, language, created_at, updated_at";
    private static final String HEADLINE = "MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \", StartSel=\"\", StopSel=\"\"";
    // The query is parsed once per configuration; each document meets the one of its language.
    // "a b" means a & b (strict); the loose form a | b lets partial matches in, unless the query
    // negates a word ("-salon"), where loosening would match nearly everything.
    private static final String SEARCH = """
            WITH parsed AS (
                SELECT c AS config, websearch_to_tsquery(c, ?) AS strict
                FROM unnest(ARRAY['pg_catalog.french', 'pg_catalog.english', 'pg_catalog.simple']::regconfig[]) AS c
            ), q AS (
                SELECT config, strict,
                       CASE WHEN position('!' IN strict::text) > 0 THEN strict
                            ELSE replace(strict::text, ' & ', ' | ')::tsquery END AS loose
                FROM parsed
            )
            SELECT d.id, d.title,
                   ts_headline(d.search_config, d.content, q.loose, '%s') AS passage,
                   ts_rank(d.search_vector, q.loose) + CASE WHEN d.search_vector @@ q.strict THEN 1 ELSE 0 END AS rank
            FROM knowledge_documents d JOIN q ON q.config = d.search_config
            WHERE d.tenant_id = ? AND d.search_vector @@ q.loose
              AND (CAST(? AS text) IS NULL OR lower(split_part(d.language, '-', 1)) = lower(split_part(CAST(? AS text), '-', 1)))
            ORDER BY rank DESC, d.updated_at DESC, d.id
            LIMIT ?""".formatted(HEADLINE);

    private final Database db;
    private final ConfigurationCache cache;

    PostgresKnowledgeRepository(Database db, ConfigurationCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public void save(KnowledgeDocument d) {
        db.write("save a knowledge document", c -> {
            try {
                int changed = Database.update(c, "INSERT INTO knowledge_documents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) " + """
                        ON CONFLICT (tenant_id, id) DO UPDATE SET title = EXCLUDED.title, content = EXCLUDED.content,
                            language = EXCLUDED.language, updated_at = EXCLUDED.updated_at""", ps -> {
                    ps.setObject(1, d.id().value());
                    ps.setObject(2, d.tenantId().value());
                    ps.setString(3, d.title());
                    ps.setString(4, d.content());
                    ps.setString(5, d.language());
                    Columns.setInstant(ps, 6, d.createdAt());
                    Columns.setInstant(ps, 7, d.updatedAt());
                });
                return changed;
            } catch (SQLException e) {
                if (SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, "knowledge_documents_id_key"))
                    throw new IllegalArgumentException("knowledge document exists: " + d.id(), e);
                throw e;
            }
        });
        cache.changed(d.tenantId());
    }

    @Override
    public Optional<KnowledgeDocument> findById(TenantId tenantId, KnowledgeDocumentId id) {
        return db.first("find a knowledge document", "SELECT " + COLUMNS + " FROM knowledge_documents WHERE tenant_id = ? AND id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, id.value());
        }, PostgresKnowledgeRepository::document);
    }

    @Override
    public List<KnowledgeDocument> list(TenantId tenantId) {
        return db.list("list knowledge documents", "SELECT " + COLUMNS + " FROM knowledge_documents WHERE tenant_id = ? ORDER BY title, id",
                ps -> ps.setObject(1, tenantId.value()), PostgresKnowledgeRepository::document);
    }

    @Override
    public boolean delete(TenantId tenantId, KnowledgeDocumentId id) {
        boolean deleted = db.update("delete a knowledge document", "DELETE FROM knowledge_documents WHERE tenant_id = ? AND id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, id.value());
        }) > 0;
        cache.changed(tenantId);
        return deleted;
    }

    @Override
    public List<KnowledgePassage> search(TenantId tenantId, String query, String language, int limit) {
        if (limit < 1 || limit > MAX_RESULTS) throw new IllegalArgumentException("limit must be 1.." + MAX_RESULTS + ": " + limit);
        if (query == null || query.isBlank()) return List.of();
        // Callers ask the same few questions ("what are your hours?"): a search is kept until the
        // tenant's documents change.
        return cache.read(new ConfigurationCache.Key("knowledge_documents", tenantId, List.of(query.strip(), String.valueOf(language), limit)),
                () -> List.copyOf(search(query, tenantId, language, limit)));
    }

    private List<KnowledgePassage> search(String query, TenantId tenantId, String language, int limit) {
        return db.list("search knowledge", SEARCH, ps -> {
            ps.setString(1, query.strip());
            ps.setObject(2, tenantId.value());
            if (language == null) {
                ps.setNull(3, Types.VARCHAR);
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(3, language);
                ps.setString(4, language);
            }
            ps.setInt(5, limit);
        }, rs -> new KnowledgePassage(new KnowledgeDocumentId(Columns.uuid(rs, "id")), rs.getString("title"),
                rs.getString("passage"), rs.getDouble("rank")));
    }

    private static KnowledgeDocument document(ResultSet rs) throws SQLException {
        return new KnowledgeDocument(new KnowledgeDocumentId(Columns.uuid(rs, "id")), new TenantId(Columns.uuid(rs, "tenant_id")),
                rs.getString("title"), rs.getString("content"), rs.getString("language"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
