package dev.switchboard.llm.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The platform's OpenAI account ({@code switchboard.llm.openai.*}), used when a tenant has no
 * OpenAI connection of its own.
 *
 * @param apiKey the platform key; when unset, the adapter falls back to the {@code OPENAI_API_KEY} environment variable
 * @param baseUrl where the API lives, including {@code /v1} (tests point it at a loopback fake)
 */
@ConfigurationProperties("switchboard.llm.openai")
public record OpenAiProperties(
        @Nullable String apiKey,
        @Bindable(defaultValue = "https://api.openai.com/v1") String baseUrl) {

    /** These properties with the key set to {@code fallbackKey} unless a key is configured. */
    public OpenAiProperties withKeyUnlessSet(String fallbackKey) {
        return apiKey != null && !apiKey.isBlank() ? this : new OpenAiProperties(fallbackKey, baseUrl);
    }

    @Override
    public String toString() {
        return "OpenAiProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "unset" : "***") + "]";
    }
}
