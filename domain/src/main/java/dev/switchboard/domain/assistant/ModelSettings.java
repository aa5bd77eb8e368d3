package dev.switchboard.domain.assistant;

/** Which language model thinks for the agent, and how. Temperature 0..2, reply cap in tokens. */
public record ModelSettings(String provider, String model, double temperature, int maxTokens) {
    public ModelSettings {
        provider = Text.required(provider, "model.provider");
        model = Text.required(model, "model.model");
        if (!(temperature >= 0 && temperature <= 2)) throw new IllegalArgumentException("model.temperature must be within 0..2: " + temperature);
        if (maxTokens < 1 || maxTokens > 32_000) throw new IllegalArgumentException("model.maxTokens must be within 1..32000: " + maxTokens);
    }
}
