package dev.switchboard.llm.offline;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the demo brain needs from the system prompt the engine assembled: the business's local
 * date and time ("today" for "demain") and the language to speak (French, else English).
 */
record PromptFacts(LocalDateTime now, boolean french) {
    private static final Pattern NOW = Pattern.compile("Current local date and time: (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2})");
    private static final Pattern LANGUAGE = Pattern.compile("Language: speak ([A-Za-z]{2})");

    /** Falls back on this machine's clock and English when the prompt does not say. */
    static PromptFacts read(String systemPrompt) {
        var now = NOW.matcher(systemPrompt);
        var language = LANGUAGE.matcher(systemPrompt);
        return new PromptFacts(now.find() ? LocalDateTime.parse(now.group(1)) : LocalDateTime.now(),
                language.find() && language.group(1).toLowerCase(Locale.ROOT).equals("fr"));
    }
}
