package dev.switchboard.domain.assistant;

/**
 * Which language model thinks for the agent, and how. Temperature 0..2, reply cap in tokens.
 *
 * @param fallbackProvider asked instead when {@code provider} is down, slow or rate-limited before
 *     the caller heard a word; {@code null}: the platform's fallback, if any
 * @param fallbackModel the fallback provider's model; set exactly when {@code fallbackProvider} is
 */
public record ModelSettings(String provider, String model, double temperature, int maxTokens,
                            String fallbackProvider, String fallbackModel) {
    public ModelSettings {
        provider = Text.required(provider, "model.provider");
        model = Text.required(model, "model.model");
        if (!(temperature >= 0 && temperature <= 2)) throw new IllegalArgumentException("model.temperature must be within 0..2: " + temperature);
        if (maxTokens < 1 || maxTokens > 32_000) throw new IllegalArgumentException("model.maxTokens must be within 1..32000: " + maxTokens);
        fallbackProvider = Text.optional(fallbackProvider);
        fallbackModel = Text.optional(fallbackModel);
        if ((fallbackProvider == null) != (fallbackModel == null))
            throw new IllegalArgumentException("model.fallback needs both a provider and a model");
    }

    /** Settings with no fallback of the assistant's own. */
    public ModelSettings(String provider, String model, double temperature, int maxTokens) {
        this(provider, model, temperature, maxTokens, null, null);
    }

    public boolean hasFallback() {
        return fallbackProvider != null;
    }
}
