package dev.switchboard.domain.assistant;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The speech-to-speech models a stream assistant may talk with, and the voices each provider
 * offers (PROTOCOLS.md §10.2, §12.2). Saving a stream assistant with anything else is refused,
 * naming the field, rather than failing later on a live call.
 */
public enum SpeechModels {
    OPENAI("openai", List.of("gpt-realtime", "gpt-realtime-2025-08-28", "gpt-realtime-mini", "gpt-realtime-mini-2025-10-06"),
            List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"), "marin"),
    GOOGLE("google", List.of("gemini-live-2.5-flash-preview", "gemini-live-2.5-flash", "gemini-2.0-flash-live-001",
            "gemini-2.5-flash-native-audio-preview-09-2025"),
            List.of("Puck", "Charon", "Kore", "Fenrir", "Aoede", "Leda", "Orus", "Zephyr"), "Puck");

    private final String provider;
    private final List<String> models;
    private final List<String> voices;
    private final String defaultVoice;

    SpeechModels(String provider, List<String> models, List<String> voices, String defaultVoice) {
        this.provider = provider;
        this.models = models;
        this.voices = voices;
        this.defaultVoice = defaultVoice;
    }

    /** The provider's entry, by its {@code model.provider} name. */
    public static Optional<SpeechModels> of(String provider) {
        if (provider == null) return Optional.empty();
        var wanted = provider.strip().toLowerCase(Locale.ROOT);
        for (var candidate : values()) if (candidate.provider.equals(wanted)) return Optional.of(candidate);
        return Optional.empty();
    }

    public String provider() {
        return provider;
    }

    public List<String> models() {
        return models;
    }

    public List<String> voices() {
        return voices;
    }

    /** The voice a stream assistant gets when it names none. */
    public VoiceSettings defaultVoice() {
        return new VoiceSettings(provider, defaultVoice, 1.0);
    }

    /**
     * Why a stream assistant cannot use these settings, as {@code field: reason}; empty when it can.
     */
    static Optional<String> problem(ModelSettings model, VoiceSettings voice) {
        var entry = of(model.provider());
        if (entry.isEmpty())
            return Optional.of("model.provider: a stream assistant talks with a speech-to-speech model: openai (Realtime) or google (Gemini Live)");
        var speech = entry.get();
        if (!speech.models.contains(model.model()))
            return Optional.of("model.model: " + speech.provider + " offers no speech-to-speech model " + model.model() + " (known: "
                    + String.join(", ", speech.models) + ")");
        if (!voice.provider().equalsIgnoreCase(speech.provider))
            return Optional.of("voice.provider: the model speaks itself, so the voice must be one of " + speech.provider + "'s");
        if (!speech.voices.contains(voice.voiceId()))
            return Optional.of("voice.voiceId: " + speech.provider + " has no voice " + voice.voiceId() + " (known: "
                    + String.join(", ", speech.voices) + ")");
        return Optional.empty();
    }
}
