package dev.switchboard.domain.tool;

import dev.switchboard.domain.shared.CommitGate;
import java.util.function.Supplier;

/**
 * One run of one tool, as an explicit state machine shared by the tool's thread and the
 * {@link ToolRunner} waiting for it:
 *
 * <pre>
 * RUNNING ──commit──▶ COMMITTING ──write returned or threw──▶ SETTLED ──commit──▶ COMMITTING …
 *    └──runner's deadline──▶ ABANDONED   (a later commit is refused: nothing is written)
 * </pre>
 *
 * At its deadline the runner {@linkplain #abandon() abandons} a run that has not begun a write;
 * a run that has (COMMITTING or SETTLED) cannot be abandoned, and the runner waits for the
 * tool's real outcome instead. Thread-safe.
 */
final class ToolRun implements CommitGate {
    enum State { RUNNING, COMMITTING, SETTLED, ABANDONED }

    private State state = State.RUNNING;

    @Override
    public <T> T commit(Supplier<T> write) {
        synchronized (this) {
            if (state == State.ABANDONED) throw new Refused("the tool was stopped at its deadline; nothing was written");
            state = State.COMMITTING;
        }
        try {
            return write.get();
        } finally {
            synchronized (this) {
                state = State.SETTLED;
            }
        }
    }

    /**
     * The runner's deadline passed.
     *
     * @return true when the run was abandoned (no write had begun, and none will happen); false
     *     when a write has begun, so the tool's own outcome must be awaited
     */
    synchronized boolean abandon() {
        if (state == State.RUNNING) state = State.ABANDONED;
        return state == State.ABANDONED;
    }

    synchronized State state() {
        return state;
    }
}
