package dev.switchboard.llm.offline;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the demo brain needs from the system prompt the engine assembled: the business's local
 * date and time ("today" for "demain") and the language to speak (French, else English).
 */
record PromptFacts(LocalDateTime now, boolean french) {
    private static final Pattern NOW = Pattern.compile("Current local date and time: (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2})");
    private static final Pattern LANGUAGE = Pattern.compile("Language: speak ([A-Za-z]{2})");

    private static final Map<String, PromptFacts> READ = new ConcurrentHashMap<>();
    private static final int REMEMBERED = 1_000;

    /**
     * Falls back on this machine's clock and English when the prompt does not say. A call's
     * prompt is the same on every request until its minute changes: searched once (issue 12).
     */
    static PromptFacts read(String systemPrompt) {
        var known = READ.get(systemPrompt);
        if (known != null) return known;
        var facts = search(systemPrompt);
        // Without a date in it, "now" is this machine's clock, which must not be remembered.
        if (!NOW.matcher(systemPrompt).find()) return facts;
        if (READ.size() >= REMEMBERED) READ.clear();
        READ.put(systemPrompt, facts);
        return facts;
    }

    private static PromptFacts search(String systemPrompt) {
        var now = NOW.matcher(systemPrompt);
        var language = LANGUAGE.matcher(systemPrompt);
        return new PromptFacts(now.find() ? LocalDateTime.parse(now.group(1)) : LocalDateTime.now(),
                language.find() && language.group(1).toLowerCase(Locale.ROOT).equals("fr"));
    }
}
