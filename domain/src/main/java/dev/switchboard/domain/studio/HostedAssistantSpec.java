package dev.switchboard.domain.studio;

import java.util.List;
import java.util.Map;

/**
 * An assistant in Vapi's vocabulary (provider names, language codes): what we send, and what we
 * read back to check Vapi holds exactly that. Read back from Vapi, any field may be {@code null}.
 *
 * @param voiceSpeed {@code null} for voice providers that take no speed
 * @param metadata our ids and config version, so a Vapi assistant says where it came from
 */
public record HostedAssistantSpec(
        String name,
        String firstMessage,
        String modelProvider,
        String model,
        Double temperature,
        Integer maxTokens,
        String systemPrompt,
        String voiceProvider,
        String voiceId,
        Double voiceSpeed,
        String transcriberProvider,
        String transcriberModel,
        String transcriberLanguage,
        List<HostedTool> tools,
        HostedServer server,
        List<String> serverMessages,
        Map<String, String> metadata) {

    public static final String TENANT_KEY = "switchboardTenantId";
    public static final String ASSISTANT_KEY = "switchboardAssistantId";
    public static final String VERSION_KEY = "switchboardConfigVersion";
    public static final String HASH_KEY = "switchboardConfigHash";

    public HostedAssistantSpec {
        tools = tools == null ? List.of() : List.copyOf(tools);
        serverMessages = serverMessages == null ? List.of() : List.copyOf(serverMessages);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The same settings with other metadata. */
    public HostedAssistantSpec withMetadata(Map<String, String> other) {
        return new HostedAssistantSpec(name, firstMessage, modelProvider, model, temperature, maxTokens, systemPrompt,
                voiceProvider, voiceId, voiceSpeed, transcriberProvider, transcriberModel, transcriberLanguage, tools,
                server, serverMessages, other);
    }

    public String metadata(String key) {
        return metadata.get(key);
    }

    @Override
    public String toString() {
        return "HostedAssistantSpec[" + name + ", " + modelProvider + "/" + model + ", server=" + server
                + ", metadata=" + metadata + "]";
    }
}
