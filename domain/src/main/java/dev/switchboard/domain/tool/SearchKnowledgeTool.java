package dev.switchboard.domain.tool;

import dev.switchboard.domain.knowledge.KnowledgePassage;
import dev.switchboard.domain.knowledge.KnowledgeRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code search_knowledge(query)}: the tenant's knowledge documents, searched in the assistant's
 * language first and in every language when that finds nothing.
 */
public final class SearchKnowledgeTool implements Tool {
    public static final String NAME = "search_knowledge";
    static final int RESULTS = 3;
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Search the business's own information (services, prices, opening hours, address, policies) before answering "
                    + "a question about the business. Returns the most relevant passages; answer only from them.",
            Schemas.object(Schemas.properties("query", Schemas.string(
                    "What to look up, in a few keywords or a short question in the caller's language, e.g. \"prix coupe femme\".")),
                    List.of("query")));

    private final KnowledgeRepository knowledge;

    public SearchKnowledgeTool(KnowledgeRepository knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
        var args = new ToolArguments(NAME, arguments);
        var query = args.text("query", true, 500);
        var invalid = args.invalid();
        if (invalid.isPresent()) return invalid.get();

        var language = context.assistant().language();
        var found = knowledge.search(context.tenantId(), query, language, RESULTS);
        if (found.isEmpty()) found = knowledge.search(context.tenantId(), query, null, RESULTS);

        var details = new LinkedHashMap<String, Object>();
        details.put("query", query);
        details.put("language", language);
        details.put("results", found.stream().map(p -> Map.<String, Object>of("documentId", p.documentId().toString(),
                "title", p.title(), "rank", p.rank())).toList());
        if (found.isEmpty())
            return new ToolOutcome.Answer("No information found for \"" + query + "\".", "Do not guess: say you do not know, "
                    + "and offer a transfer or a message.", details);
        var text = new StringBuilder("Found ").append(found.size()).append(found.size() == 1 ? " passage" : " passages").append(':');
        int i = 1;
        for (KnowledgePassage p : found) text.append('\n').append(i++).append(". ").append(p.title()).append(": ").append(p.passage());
        return new ToolOutcome.Answer(text.toString(), details);
    }
}
