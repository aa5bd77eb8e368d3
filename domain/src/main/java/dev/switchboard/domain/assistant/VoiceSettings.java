package dev.switchboard.domain.assistant;

/** How the agent sounds: a TTS provider, one of its voices, and a speaking rate (1.0 = normal). */
public record VoiceSettings(String provider, String voiceId, double speed) {
    public VoiceSettings {
        provider = Text.required(provider, "voice.provider");
        voiceId = Text.required(voiceId, "voice.voiceId");
        if (!(speed >= 0.25 && speed <= 4.0)) throw new IllegalArgumentException("voice.speed must be within 0.25..4.0: " + speed);
    }
}
