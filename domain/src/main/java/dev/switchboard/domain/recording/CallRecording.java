package dev.switchboard.domain.recording;

import java.util.concurrent.CompletionStage;

/**
 * One call's recording while the call goes on. Its clock is the stream's: Twilio's media
 * {@code timestamp} (milliseconds since the stream started). Caller audio is placed at its
 * timestamp (gaps become silence); agent audio is placed where it plays: from the moment it is
 * sent (the end of the latest caller audio heard so far), right after agent audio still queued
 * before it; a {@link #cleared() clear} drops the agent audio that has not played by then. Audio
 * is 8 kHz μ-law, one byte per sample; an array passed in belongs to the recording from then on
 * (it is read later, on the writer's thread), so the caller must not change it afterwards.
 *
 * <p>Methods return at once (the writing happens behind them) and may be called from several
 * threads; calls are recorded in the order they are made. After {@link #finish()} the others
 * do nothing.
 */
public interface CallRecording {
    /**
     * The caller's audio that starts {@code streamMillis} after the stream started; a negative
     * {@code streamMillis} (no timestamp) continues the previous caller audio.
     */
    void callerAudio(long streamMillis, byte[] mulaw);

    /** Agent audio sent to the caller now; it plays after whatever agent audio is still queued. */
    void agentAudio(byte[] mulaw);

    /** The line was cleared (barge-in): agent audio sent but not yet played is dropped. */
    void cleared();

    /**
     * Ends the recording (the stream stopped or its socket closed, whatever the reason); agent
     * audio that would have played after the end is dropped. Idempotent: every call returns the
     * same stage, which completes once the recording is stored, or exceptionally when it could
     * not be.
     */
    CompletionStage<RecordingSaved> finish();
}
