package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.shared.E164Number;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The caller's end of a stream call, as the runtime carrying it (Twilio Media Streams) offers it:
 * audio queued for playback with markers that come back once played, a way to drop what is
 * unplayed, and the call moved on (transfer, hang-up) when the model cannot go on.
 */
public interface CallerLine {
    /** Queues 8 kHz μ-law for playback, then a marker {@code mark} reported back through {@link StreamConversation#played} once played. */
    void play(byte[] mulaw, String mark);

    /** The same, for audio that may still be in its wire form (a line that speaks base64 sends it undecoded). By default, the bytes. */
    default void play(MuLawChunk audio, String mark) {
        play(audio.bytes(), mark);
    }

    /** Drops whatever is queued and unplayed (the caller barged in). */
    void clear();

    /** Says {@code words} and connects the caller to {@code number}; the stream ends. */
    void transfer(E164Number number, String words, String language);

    /** Says {@code words} (none when {@code null}) and hangs up. */
    void hangUp(String words, String language);

    /**
     * The one thread this line's audio is read and written on, when it has one (a socket's event
     * loop). A model socket that runs its events there too hands audio across without a thread
     * hop or a wake-up each way; it must then never block. By default, none.
     */
    default Optional<Executor> audioThread() {
        return Optional.empty();
    }
}
