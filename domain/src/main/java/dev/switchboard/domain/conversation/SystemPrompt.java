package dev.switchboard.domain.conversation;

import dev.switchboard.domain.assistant.Assistant;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles what the model is told before the conversation: the assistant's own prompt and
 * persona, the business facts, the local date and time (models do not know "today"), phone
 * etiquette, and per-call context variables (e.g. an outbound call's order number).
 */
public final class SystemPrompt {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private SystemPrompt() {}

    public static String assemble(Assistant assistant, TenantFacts tenant, Instant now, Map<String, String> callContext) {
        var local = now.atZone(tenant.timezone());
        var out = new StringBuilder(assistant.systemPrompt().strip()).append("\n\n");
        if (assistant.persona() != null) out.append("Persona: ").append(assistant.persona()).append("\n");
        out.append("Business: ").append(tenant.name()).append("\n");
        out.append("Current local date and time: ").append(LOCAL.format(local)).append(' ').append(tenant.timezone().getId())
                .append(" (").append(local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append(")\n");
        if (tenant.openingHours() != null) out.append("Opening hours: ").append(tenant.openingHours()).append("\n");
        out.append("Language: speak ").append(assistant.language())
                .append(". You are on a phone call: answer in short spoken sentences, no lists, no markdown, no emoji.")
                .append(" Use tools for availability, bookings and transfers; never invent a booking.\n");
        if (callContext != null && !callContext.isEmpty()) {
            out.append("Call context:\n");
            new TreeMap<>(callContext).forEach((key, value) -> out.append("- ").append(key).append(": ").append(value).append("\n"));
        }
        return out.toString().strip();
    }
}
