package dev.switchboard.domain.call;

/**
 * Sees every stage of every call as it is handed to the {@link CallRecorder}, before it is
 * stored: how metrics learn about first tokens, tool runs and provider errors without the
 * conversation code knowing about them.
 *
 * <p>Called on the thread that recorded the event — a live call's turn or socket thread — so an
 * implementation must return quickly, never block and never throw (a throw is swallowed and the
 * event is still stored). Thread-safe.
 */
public interface CallEventObserver {
    void observed(CallEvent event);
}
