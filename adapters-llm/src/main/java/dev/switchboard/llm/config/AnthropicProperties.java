package dev.switchboard.llm.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The platform's Anthropic account ({@code switchboard.llm.anthropic.*}), used when a tenant has
 * no Anthropic connection of its own.
 *
 * @param apiKey the platform key; when unset, the adapter falls back to the {@code ANTHROPIC_API_KEY} environment variable
 * @param baseUrl where the Messages API lives (tests point it at a loopback fake)
 */
@ConfigurationProperties("switchboard.llm.anthropic")
public record AnthropicProperties(
        @Nullable String apiKey,
        @Bindable(defaultValue = "https://api.anthropic.com") String baseUrl) {

    /** These properties with the key set to {@code fallbackKey} unless a key is configured. */
    public AnthropicProperties withKeyUnlessSet(String fallbackKey) {
        return apiKey != null && !apiKey.isBlank() ? this : new AnthropicProperties(fallbackKey, baseUrl);
    }

    @Override
    public String toString() {
        return "AnthropicProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "unset" : "***") + "]";
    }
}
