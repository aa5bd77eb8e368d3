package dev.switchboard.domain.conversation;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls this instance is carrying right now, and whether it still takes new ones. Shutting
 * down is a {@link #drain}: no new call is taken, the turn each live call is in (the agent's reply
 * being spoken, its tools) finishes, then every live call is ended cleanly — never a reply cut
 * mid-sentence. Thread-safe.
 */
public final class LiveCalls {
    /** One live call as the runtime carrying it sees it. */
    public interface Session {
        /** Whether a turn is running or queued (the agent is answering). */
        boolean busy();

        /** Ends the call cleanly now that no turn is running (the runtime's own way: a relay {@code end}…). */
        void end(String reason);
    }

    /** What a drain did: calls ended between turns, and calls still mid-turn when the grace period ran out. */
    public record Drained(int ended, int cut) {}

    private static final long POLL_MILLIS = 20;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting = true;

    /** A call started on this instance. */
    public void opened(Session session) {
        sessions.add(session);
    }

    /** The call is over (its socket closed). */
    public void closed(Session session) {
        sessions.remove(session);
    }

    /** {@code false} once a drain began: new calls go elsewhere. */
    public boolean accepting() {
        return accepting;
    }

    public int count() {
        return sessions.size();
    }

    /**
     * Stops taking calls, waits up to {@code grace} for the live calls' turns to finish, and ends
     * each call as soon as it is between turns. Calls still mid-turn when {@code grace} runs out are
     * ended anyway (counted as cut).
     */
    public Drained drain(Duration grace, String reason) {
        accepting = false;
        long deadline = System.nanoTime() + grace.toNanos();
        int ended = 0;
        while (true) {
            for (var session : Set.copyOf(sessions)) {
                if (!session.busy() && sessions.remove(session)) {
                    endQuietly(session, reason);
                    ended++;
                }
            }
            if (sessions.isEmpty()) return new Drained(ended, 0);
            if (System.nanoTime() >= deadline) break;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int cut = 0;
        for (var session : Set.copyOf(sessions)) {
            if (sessions.remove(session)) {
                endQuietly(session, reason);
                cut++;
            }
        }
        return new Drained(ended, cut);
    }

    private static void endQuietly(Session session, String reason) {
        try {
            session.end(reason);
        } catch (RuntimeException ignored) {
            // One call failing to end must not keep the others (or the shutdown) waiting.
        }
    }
}
