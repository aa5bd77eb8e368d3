package dev.switchboard.domain.modelcall;

/** One call's session with a {@link RealtimeVoiceModel}. Methods return at once; thread-safe. */
public interface VoiceSession {
    /** The caller's next audio, 8 kHz μ-law, in the order it was heard. Buffered until the session is ready. */
    void callerAudio(byte[] mulaw);

    /**
     * The same, as it came off the caller's socket: a model that takes μ-law as base64 forwards
     * it as it is (no decode, no encode). By default, the bytes.
     */
    default void callerAudio(MuLawChunk audio) {
        callerAudio(audio.bytes());
    }

    /**
     * The caller barged in and heard only the first {@code heardMillis} of the agent's message
     * {@code itemId}: the model forgets the rest (so its memory matches what was said).
     */
    void agentCutAt(String itemId, long heardMillis);

    /** The answer to the model's tool call {@code callId}; the model then goes on speaking. */
    void toolResult(String callId, String output);

    /**
     * The caller pressed {@code digit} (Twilio's {@code dtmf} message) and the assistant's DTMF
     * policy gives it no action: the model may act on it. Models that hear keys in the audio, or
     * not at all, ignore it.
     */
    default void keyPressed(char digit) {
    }

    /** Ends the session (the call is over or moves on); idempotent. */
    void close();
}
