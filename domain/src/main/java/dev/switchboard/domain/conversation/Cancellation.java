package dev.switchboard.domain.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets one party stop work another party is doing — the caller barging in stops a streaming
 * reply. Thread-safe; cancelling twice is harmless; a callback added after cancellation runs at once.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled) return;
        cancelled = true;
        callbacks.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code callback} on cancellation, e.g. to close an HTTP stream. */
    public void onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled) callback.run();
    }
}
