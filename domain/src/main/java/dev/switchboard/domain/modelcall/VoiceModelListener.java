package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.tool.ToolCall;
import java.util.Map;

/**
 * What a {@link RealtimeVoiceModel} session reports, in the order it happened. Called from the
 * session's own thread, one call at a time; implementations return quickly.
 */
public interface VoiceModelListener {
    /**
     * The model's socket is open (its handshake answered) and the session's configuration is on
     * its way; {@link #ready} follows once the model has taken it. For the timeline: the time from
     * here to {@code ready} is the provider's, the time before it the connection's. By default, nothing.
     */
    default void connected(Map<String, Object> details) {
    }

    /** The session is configured and hears the caller; {@code details} for the timeline. */
    void ready(Map<String, Object> details);

    /** The next piece of the agent's message {@code itemId}: 8 kHz μ-law, to play in order. */
    void agentAudio(String itemId, byte[] mulaw);

    /** The same, as the model's socket carried it (base64 μ-law is passed on to the caller's line undecoded). By default, the bytes. */
    default void agentAudio(String itemId, MuLawChunk audio) {
        agentAudio(itemId, audio.bytes());
    }

    /** The words of the agent's message {@code itemId}, once it is complete. */
    void agentSaid(String itemId, String text);

    /** The caller started speaking (the model's voice detection), e.g. over the agent. */
    void callerStartedSpeaking(String itemId);

    /** The words of the caller's turn {@code itemId}, once transcribed. */
    void callerSaid(String itemId, String text);

    /** The model asks for a tool; answer with {@link VoiceSession#toolResult}. */
    void toolCall(ToolCall call);

    /** The model reported an error it survives (a bad event, a rate limit note): for the timeline. */
    void problem(String code, String message);

    /** The session is lost or never started: the caller must not be left in silence. */
    void failed(VoiceModelFailure failure);

    /**
     * The provider moved the session to a new connection and it goes on (Gemini Live's
     * {@code goAway} answered with a resumption handle): for the timeline; nothing was lost.
     */
    default void resumed(Map<String, Object> details) {
    }

    /**
     * What one response of the model cost, as the provider reported it (else estimated): counted
     * against the tenant's daily quota when the platform's key pays. May come after the session closed.
     */
    default void used(ModelUsage usage) {
    }
}
