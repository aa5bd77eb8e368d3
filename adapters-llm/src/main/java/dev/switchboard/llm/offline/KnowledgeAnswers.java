package dev.switchboard.llm.offline;

import dev.switchboard.domain.conversation.ChatTurn.ToolResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The part of a {@code search_knowledge} answer worth saying on the phone: the first passage,
 * cut to two sentences. Empty when the search found nothing (or failed), so the agent says it
 * does not know rather than inventing.
 */
final class KnowledgeAnswers {
    /** A list item's number or bullet, and the document title after it ("1. Opening hours: …"). */
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:\\d+[.)]|[-*•])\\s*(?:[^:\\n]{1,60}?\\s?:\\s+)?");
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");
    private static final int MAX_LENGTH = 300;
    /** Bounds the memory; beyond it, reading starts over. */
    private static final int REMEMBERED = 2_000;
    /**
     * Read once per text: every caller of a tenant asking about the opening hours gets the same
     * search result, and folding it (Unicode decomposition, three passes of patterns) on each turn
     * was a tenth of the offline model's time at 1,000 calls (issue 12).
     */
    private static final Map<String, Optional<String>> READ = new ConcurrentHashMap<>();

    private KnowledgeAnswers() {}

    static Optional<String> topPassage(ToolResult result) {
        if (result.isError()) return Optional.empty();
        var known = READ.get(result.content());
        if (known != null) return known;
        var passage = reading(result.content());
        if (READ.size() >= REMEMBERED) READ.clear();
        READ.put(result.content(), passage);
        return passage;
    }

    private static Optional<String> reading(String text) {
        var content = Utterance.of(text);
        if (content.has("no result", "no results", "nothing found", "no match", "no matches", "no matching",
                "no passage", "no document", "no documents", "no relevant", "no information", "found nothing", "aucun", "aucune"))
            return Optional.empty();
        for (var line : text.split("\\R")) {
            var passage = ITEM.matcher(line).replaceFirst("").strip();
            if (Utterance.of(passage).wordCount() >= 4 && !passage.endsWith(":")) return Optional.of(brief(capitalised(passage)));
        }
        return Optional.empty();
    }

    private static String capitalised(String text) {
        return text.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + text.substring(1);
    }

    private static String brief(String passage) {
        var sentences = SENTENCE.split(passage);
        var brief = sentences.length > 2 ? sentences[0] + " " + sentences[1] : passage;
        if (brief.length() <= MAX_LENGTH) return brief;
        var cut = brief.substring(0, MAX_LENGTH);
        return cut.substring(0, Math.max(cut.lastIndexOf(' '), 1)) + "…";
    }
}
