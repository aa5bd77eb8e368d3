package dev.switchboard.app.api;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An assistant as the API shows it. {@code warnings} says, in plain words, what will not work as
 * configured — e.g. no key for its model's provider, so the offline demo model answers its calls.
 */
@Serdeable
@Schema(name = "Assistant", requiredProperties = {"id", "name", "language", "voice", "transcriber", "model", "tools", "dtmfPolicy",
        "interruptible", "runtime", "recording", "createdAt", "updatedAt", "machineDetection", "retry", "warnings"})
record AssistantView(@Schema(example = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c") String id, @Schema(example = "Reception") String name,
                     @Schema(example = "Warm and brief.") String persona,
                     @Schema(example = "You answer the phone for Salon Lumière.") String systemPrompt,
                     @Schema(example = "Salon Lumière, bonjour !") String firstMessage, @Schema(example = "fr-FR") String language,
                     Voice voice, Transcriber transcriber, Model model,
                     List<String> tools, Map<String, String> dtmfPolicy,
                     @Schema(type = "string", allowableValues = {"none", "dtmf", "speech", "any"}, example = "any") String interruptible, @Schema(example = "+33187654321") String transferNumber,
                     @Schema(example = "relay") String runtime, boolean recording,
                     @Schema(example = "2026-03-02T09:00:00Z") Instant createdAt, @Schema(example = "2026-03-02T09:00:00Z") Instant updatedAt,
                     boolean machineDetection, @Schema(example = "Please call us back.") String voicemailMessage, Retry retry,
                     @Schema(description = "what will not work as configured, in plain words; empty when all is well") List<String> warnings) {
    /** Tries of outbound calls after busy / no-answer: attempts in all, minutes between. */
    @Serdeable
    @Schema(name = "AssistantRetry", requiredProperties = {"attempts", "spacingMinutes"})
    record Retry(@Schema(example = "2") int attempts, @Schema(example = "15") long spacingMinutes) {}

    @Serdeable
    @Schema(name = "AssistantVoice", description = "the voice; requests may leave speed out (1.0)")
    record Voice(@Schema(example = "elevenlabs") String provider, @Schema(example = "UgBBYS2sOqTuMpoF3BR0") String voiceId,
                 @Schema(example = "1.0") double speed) {}

    @Serdeable
    @Schema(name = "AssistantTranscriber", description = "speech to text")
    record Transcriber(@Schema(example = "deepgram") String provider, @Schema(example = "nova-3") String model,
                       @Schema(example = "fr-FR") String language) {}

    @Serdeable
    @Schema(name = "AssistantModel", requiredProperties = {"provider", "model", "temperature", "maxTokens"})
    record Model(@Schema(example = "anthropic") String provider, @Schema(example = "claude-sonnet-4-5") String model,
                 @Schema(example = "0.2") double temperature, @Schema(example = "300") int maxTokens, Fallback fallback) {}

    @Serdeable
    @Schema(name = "AssistantModelFallback", requiredProperties = {"provider", "model"}, description = "model used when the first one fails")
    record Fallback(@Schema(example = "openai") String provider, @Schema(example = "gpt-4o-mini") String model) {}
}
