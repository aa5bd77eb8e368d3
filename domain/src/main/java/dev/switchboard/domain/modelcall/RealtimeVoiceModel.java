package dev.switchboard.domain.modelcall;

/**
 * A speech-to-speech model (OpenAI Realtime, Gemini Live): it hears the caller's audio and
 * answers with audio of its own, deciding turns and tool calls itself. One session per call.
 * Implementations connect in the background and report everything — readiness, audio,
 * transcripts, tool calls, and failure to connect or a session lost — to the listener, never by
 * throwing from {@link #open}; they buffer caller audio that arrives before the session is ready
 * and send it, in order, once it is. Thread-safe.
 */
public interface RealtimeVoiceModel {
    /**
     * The provider name the offline speech model {@link #serves}: it takes a stream call whose
     * provider has no key anywhere (tenant connection nor platform), so a fresh install still answers.
     */
    String OFFLINE = "offline";

    /** Whether this model serves {@code provider} ({@code openai}, {@code google}). */
    boolean serves(String provider);

    /**
     * Whether this tenant has a key for this model (its own connection, else the platform's). A
     * model that needs none says {@code true}; when this says {@code false}, the offline speech
     * model answers instead.
     */
    default boolean hasKey(dev.switchboard.domain.shared.TenantId tenant) {
        return true;
    }

    /**
     * Whether this tenant's sessions would be paid by the platform's key (the tenant has no key of
     * its own for the provider): such calls count against the tenant's daily platform-key quota.
     * A tenant's own key, and a model that needs none, say {@code false}.
     */
    default boolean paidByPlatform(dev.switchboard.domain.shared.TenantId tenant) {
        return false;
    }

    /** Starts a session for one call; returns at once. */
    VoiceSession open(VoiceSessionRequest request, VoiceModelListener listener);
}
