package dev.switchboard.llm.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * A platform-wide second choice ({@code switchboard.llm.fallback.provider} and {@code .model}):
 * when an assistant's own provider is unavailable, times out or rate-limits us before saying
 * anything, the reply is asked of this provider and model instead. Unset: no fallback.
 */
@ConfigurationProperties("switchboard.llm.fallback")
public record FallbackProperties(@Nullable String provider, @Nullable String model) {
    public static FallbackProperties none() {
        return new FallbackProperties(null, null);
    }

    public boolean configured() {
        return provider != null && !provider.isBlank() && model != null && !model.isBlank();
    }
}
