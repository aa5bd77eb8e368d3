package dev.switchboard.llm.realtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Where Gemini Live lives ({@code switchboard.gemini.live-url}, env {@code SWITCHBOARD_GEMINI_LIVE_URL};
 * the API-key {@code BidiGenerateContent} endpoint of PROTOCOLS.md §12.1 by default), how long
 * connecting and setting up may take before the caller is transferred instead, and the platform's
 * key ({@code switchboard.gemini.api-key}; when unset, {@code GEMINI_API_KEY}).
 */
@ConfigurationProperties("switchboard.gemini")
public record GeminiLiveProperties(
        @Bindable(defaultValue = "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent")
        String liveUrl,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Nullable String apiKey) {

    @Override
    public String toString() {
        return "GeminiLiveProperties[liveUrl=" + liveUrl + ", connectTimeout=" + connectTimeout + ", apiKey="
                + (apiKey == null || apiKey.isBlank() ? "unset" : "***") + "]";
    }
}
