package dev.switchboard.llm.streaming;

import java.util.function.Consumer;

/**
 * One attempt at one streamed request to a provider, prepared by its adapter.
 * {@link #stream} runs on a worker thread; {@link #abort} comes from another thread.
 */
public interface ProviderCall {
    /**
     * Sends the request and reads the stream to its end, handing pieces to {@code sink} in order.
     *
     * @throws AttemptFailure when the provider fails; any other exception counts as unavailable
     */
    void stream(Consumer<StreamPiece> sink);

    /** Closes the stream promptly; idempotent, and may come before {@link #stream} has opened it. */
    void abort();
}
