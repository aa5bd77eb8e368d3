package dev.switchboard.app.api;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An assistant as the API shows it. {@code warnings} says, in plain words, what will not work as
 * configured — e.g. no key for its model's provider, so the offline demo model answers its calls.
 */
@Serdeable
record AssistantView(String id, String name, String persona, String systemPrompt, String firstMessage, String language,
                     Voice voice, Transcriber transcriber, Model model, List<String> tools, Map<String, String> dtmfPolicy,
                     String interruptible, String transferNumber, String runtime, boolean recording, Instant createdAt, Instant updatedAt,
                     boolean machineDetection, String voicemailMessage, Retry retry, List<String> warnings) {
    /** Tries of outbound calls after busy / no-answer: attempts in all, minutes between. */
    @Serdeable
    record Retry(int attempts, long spacingMinutes) {}

    @Serdeable
    record Voice(String provider, String voiceId, double speed) {}

    @Serdeable
    record Transcriber(String provider, String model, String language) {}

    @Serdeable
    record Model(String provider, String model, double temperature, int maxTokens, Fallback fallback) {}

    @Serdeable
    record Fallback(String provider, String model) {}
}
