package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.tool.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Our assistant in Vapi's vocabulary (PROTOCOLS.md §9.2). Vapi validates strictly — exact
 * provider names, per-provider language codes, names of at most 40 characters — so the mapping
 * happens here, before anything is sent, rather than as a 400 from Vapi.
 */
public final class VapiMapping {
    /**
     * What Vapi posts to our webhook for a synced assistant (set explicitly, as Vapi requires since
     * May 2025). Final transcripts only: partials would flood the timeline.
     */
    public static final List<String> SERVER_MESSAGES = List.of("status-update", "end-of-call-report", "tool-calls",
            "conversation-update", "transcript[transcriptType=\"final\"]", "hang");

    private static final Map<String, String> VOICE_PROVIDERS = Map.of("elevenlabs", "11labs", "eleven-labs", "11labs",
            "play.ht", "playht", "rime", "rime-ai");
    private static final Set<String> VOICES_WITHOUT_SPEED = Set.of("cartesia", "deepgram");
    /** Regional variants Deepgram accepts as such; any other tag is reduced to its language (fr-FR → fr). */
    private static final Set<String> DEEPGRAM_REGIONS = Set.of("en-US", "en-GB", "en-AU", "en-IN", "en-NZ", "pt-BR",
            "pt-PT", "es-419", "fr-CA", "de-CH", "nl-BE", "zh-CN", "zh-TW", "zh-HK", "hi-Latn");
    static final int MAX_NAME = 40;

    private VapiMapping() {}

    /**
     * @param tools the definitions of the assistant's enabled tools our toolbox offers
     * @param server our webhook for this tenant, with its secret
     */
    public static HostedAssistantSpec spec(Assistant assistant, List<ToolDefinition> tools, HostedServer server) {
        var voiceProvider = lower(assistant.voice().provider());
        voiceProvider = VOICE_PROVIDERS.getOrDefault(voiceProvider, voiceProvider);
        var transcriberProvider = lower(assistant.transcriber().provider());
        var spec = new HostedAssistantSpec(
                name(assistant.name()), assistant.firstMessage(),
                lower(assistant.model().provider()), assistant.model().model(),
                assistant.model().temperature(), assistant.model().maxTokens(), assistant.systemPrompt(),
                voiceProvider, assistant.voice().voiceId(),
                VOICES_WITHOUT_SPEED.contains(voiceProvider) ? null : assistant.voice().speed(),
                transcriberProvider, assistant.transcriber().model(),
                language(transcriberProvider, assistant.transcriber().language()),
                tools(assistant, tools), server, SERVER_MESSAGES, Map.of());
        var metadata = new LinkedHashMap<String, String>();
        metadata.put(HostedAssistantSpec.TENANT_KEY, assistant.tenantId().toString());
        metadata.put(HostedAssistantSpec.ASSISTANT_KEY, assistant.id().toString());
        metadata.put(HostedAssistantSpec.VERSION_KEY, assistant.updatedAt().toString());
        metadata.put(HostedAssistantSpec.HASH_KEY, SpecComparison.hash(spec));
        return spec.withMetadata(metadata);
    }

    private static List<HostedTool> tools(Assistant assistant, List<ToolDefinition> definitions) {
        var out = new ArrayList<HostedTool>();
        for (var definition : definitions) {
            if (!assistant.enabledTools().contains(definition.name())) continue;
            if (definition.name().equals("end_call")) out.add(new HostedTool.EndCall());
            else if (definition.name().equals("transfer_to_human")) {
                if (assistant.transferNumber() != null) out.add(new HostedTool.TransferCall(assistant.transferNumber().value()));
            } else out.add(new HostedTool.Function(definition.name(), definition.description(), definition.parameters()));
        }
        // Hanging up and transferring are Vapi's own tools: offered even when our toolbox has no handler for them.
        if (assistant.enabledTools().contains("end_call") && out.stream().noneMatch(t -> t instanceof HostedTool.EndCall))
            out.add(new HostedTool.EndCall());
        if (assistant.enabledTools().contains("transfer_to_human") && assistant.transferNumber() != null
                && out.stream().noneMatch(t -> t instanceof HostedTool.TransferCall))
            out.add(new HostedTool.TransferCall(assistant.transferNumber().value()));
        return out;
    }

    static String language(String transcriberProvider, String tag) {
        if (!"deepgram".equals(transcriberProvider) || tag.equalsIgnoreCase("multi")) return tag;
        for (var region : DEEPGRAM_REGIONS) if (region.equalsIgnoreCase(tag)) return region;
        var dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    private static String name(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME).strip();
    }

    private static String lower(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
