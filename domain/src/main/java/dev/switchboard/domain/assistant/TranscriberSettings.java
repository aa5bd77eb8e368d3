package dev.switchboard.domain.assistant;

/** How the caller is heard: a speech-to-text provider, its model, and the spoken language. */
public record TranscriberSettings(String provider, String model, String language) {
    public TranscriberSettings {
        provider = Text.required(provider, "transcriber.provider");
        model = Text.required(model, "transcriber.model");
        language = Text.required(language, "transcriber.language");
    }
}
