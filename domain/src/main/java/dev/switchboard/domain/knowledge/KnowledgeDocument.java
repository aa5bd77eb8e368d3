package dev.switchboard.domain.knowledge;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something the agent may tell callers (prices, opening hours, directions, policies), written by
 * the tenant. Searched by full text in its own language, so French stemming applies to French
 * documents and English stemming to English ones.
 *
 * @param language BCP 47 tag, e.g. {@code fr} or {@code fr-FR}; its primary subtag picks the stemming
 */
public record KnowledgeDocument(KnowledgeDocumentId id, TenantId tenantId, String title, String content, String language,
                                Instant createdAt, Instant updatedAt) {
    public static final int MAX_TITLE = 200;
    public static final int MAX_CONTENT = 100_000;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    public KnowledgeDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        if (title == null || title.isBlank()) throw new IllegalArgumentException("title is required");
        title = title.strip();
        if (title.length() > MAX_TITLE) throw new IllegalArgumentException("title is longer than " + MAX_TITLE + " characters");
        if (content == null || content.isBlank()) throw new IllegalArgumentException("content is required");
        content = content.strip();
        if (content.length() > MAX_CONTENT) throw new IllegalArgumentException("content is longer than " + MAX_CONTENT + " characters");
        if (!isLanguage(language)) throw new IllegalArgumentException("not a BCP 47 language tag such as fr or en-US: " + language);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static boolean isLanguage(String tag) {
        return tag != null && LANGUAGE.matcher(tag).matches();
    }

    /** The primary language subtag, lower-cased: {@code fr-FR} → {@code fr}. */
    public static String primaryLanguage(String tag) {
        var dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }

    /** The same document with new text, as of {@code now}. */
    public KnowledgeDocument revised(String title, String content, String language, Instant now) {
        return new KnowledgeDocument(id, tenantId, title, content, language, createdAt, now);
    }
}
