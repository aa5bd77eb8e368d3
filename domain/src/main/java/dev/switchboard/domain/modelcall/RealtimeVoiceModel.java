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
    /** Whether this model serves {@code provider} ({@code openai}, {@code google}). */
    boolean serves(String provider);

    /** Starts a session for one call; returns at once. */
    VoiceSession open(VoiceSessionRequest request, VoiceModelListener listener);
}
