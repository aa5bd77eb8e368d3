package dev.switchboard.domain.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VapiMappingTest {
    private static final ToolDefinition BOOK = new ToolDefinition("book_appointment", "Book a slot.",
            Map.of("type", "object", "properties", Map.of("startsAt", Map.of("type", "string"))));
    private static final ToolDefinition END = new ToolDefinition("end_call", "Hang up.", Map.of("type", "object"));

    @Test
    void maps_every_synced_setting_into_vapis_vocabulary() {
        var base = Fixtures.assistant(TenantId.random(), "Salon Lumière — accueil téléphonique du soir et du week-end");
        var assistant = new dev.switchboard.domain.assistant.Assistant(base.id(), base.tenantId(), base.name(), base.persona(),
                base.systemPrompt(), base.firstMessage(), base.language(), base.voice(), base.transcriber(), base.model(),
                Set.of("book_appointment", "end_call", "transfer_to_human"), base.dtmfPolicy(), base.transferNumber(),
                base.runtime(), base.createdAt(), base.updatedAt());
        var server = new HostedServer("https://sb.example.com/webhooks/vapi/" + assistant.tenantId(), "s3cret");

        var spec = VapiMapping.spec(assistant, List.of(BOOK, END), server);

        assertThat(spec.name()).isEqualTo("Salon Lumière — accueil téléphonique du").hasSizeLessThanOrEqualTo(40);
        assertThat(spec.voiceProvider()).isEqualTo("11labs");
        assertThat(spec.voiceSpeed()).isEqualTo(1.0);
        assertThat(spec.transcriberLanguage()).isEqualTo("fr");
        assertThat(spec.modelProvider()).isEqualTo("anthropic");
        assertThat(spec.systemPrompt()).isEqualTo(assistant.systemPrompt());
        assertThat(spec.tools()).containsExactly(new HostedTool.Function("book_appointment", "Book a slot.", BOOK.parameters()),
                new HostedTool.EndCall(), new HostedTool.TransferCall("+33142000000"));
        assertThat(spec.serverMessages()).containsExactlyElementsOf(VapiMapping.SERVER_MESSAGES);
        assertThat(spec.metadata()).containsEntry(HostedAssistantSpec.TENANT_KEY, assistant.tenantId().toString())
                .containsEntry(HostedAssistantSpec.ASSISTANT_KEY, assistant.id().toString())
                .containsEntry(HostedAssistantSpec.VERSION_KEY, assistant.updatedAt().toString())
                .containsEntry(HostedAssistantSpec.HASH_KEY, SpecComparison.hash(spec));
        assertThat(spec.toString()).doesNotContain("s3cret");
    }

    @Test
    void deepgram_keeps_the_regions_it_knows_and_reduces_the_rest() {
        assertThat(VapiMapping.language("deepgram", "fr-FR")).isEqualTo("fr");
        assertThat(VapiMapping.language("deepgram", "en-us")).isEqualTo("en-US");
        assertThat(VapiMapping.language("deepgram", "multi")).isEqualTo("multi");
        assertThat(VapiMapping.language("google", "fr-FR")).isEqualTo("fr-FR");
    }

    @Test
    void comparison_ignores_json_round_trip_noise_but_not_changes_and_hides_secrets() {
        var spec = VapiMapping.spec(Fixtures.assistant(TenantId.random(), "A"), List.of(BOOK),
                new HostedServer("https://x/webhooks/vapi/t", "s3cret"));
        var roundTripped = new HostedAssistantSpec(spec.name(), spec.firstMessage(), spec.modelProvider(), spec.model(),
                spec.temperature(), spec.maxTokens(), spec.systemPrompt(), spec.voiceProvider(), spec.voiceId(), spec.voiceSpeed(),
                spec.transcriberProvider(), spec.transcriberModel(), spec.transcriberLanguage(), spec.tools(),
                new HostedServer("https://x/webhooks/vapi/t", "other"), spec.serverMessages(), spec.metadata());
        assertThat(SpecComparison.differences(spec, spec)).isEmpty();
        assertThat(SpecComparison.differences(spec, roundTripped))
                .containsExactly(new FieldDifference("server.headers.X-Vapi-Secret", "(secret)", "(secret)"));
        assertThat(SpecComparison.hash(roundTripped)).isNotEqualTo(SpecComparison.hash(spec));
    }
}
