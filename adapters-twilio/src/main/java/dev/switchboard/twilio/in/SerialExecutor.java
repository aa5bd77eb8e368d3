package dev.switchboard.twilio.in;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one socket's tasks one after another, in arrival order, on a shared pool — so a call's
 * turns keep their order without a thread per call.
 *
 * <p>The shared pool is bounded (issue 9 §5). When it refuses a task, nothing is dropped: the
 * task stays first in this lane's own queue, the lane tells its {@link Saturation} (which lets the
 * caller and the timeline know, and arranges the retry), and it hands the task to the pool again
 * when that retry runs. Thread-safe.
 */
final class SerialExecutor implements Executor {
    /** What a lane does when the shared pool is full. */
    interface Saturation {
        /** The pool refused this lane's next task; run {@code retry} a little later. */
        void full(Runnable retry);

        /** The pool took this lane's task again after being full. */
        default void cleared() {}
    }

    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor pool;
    private final Saturation saturation;
    /** A task of this lane is in the pool (queued there or running). */
    private boolean running;
    /** The pool refused the next task; a retry is arranged. */
    private boolean waiting;

    /** A lane on a pool that only refuses when shut down (Micronaut's {@code io}): a refusal is thrown, as before. */
    SerialExecutor(Executor pool) {
        this(pool, retry -> {
            throw new RejectedExecutionException("the pool refused the task (shutting down)");
        });
    }

    SerialExecutor(Executor pool, Saturation saturation) {
        this.pool = pool;
        this.saturation = saturation;
    }

    private enum Dispatch { HANDED, NOTHING, FULL, CLEARED }

    @Override
    public void execute(Runnable task) {
        Dispatch outcome;
        synchronized (this) {
            tasks.add(task);
            if (running || waiting) return;
            outcome = dispatch();
        }
        report(outcome);
    }

    /** Nothing running, nothing waiting for the pool, nothing queued. */
    synchronized boolean idle() {
        return !running && !waiting && tasks.isEmpty();
    }

    /** Tasks queued in this lane, not yet handed to the pool. */
    synchronized int queued() {
        return tasks.size();
    }

    private void retry() {
        Dispatch outcome;
        synchronized (this) {
            if (!waiting) return;
            waiting = false;
            outcome = dispatch();
            if (outcome != Dispatch.FULL) outcome = Dispatch.CLEARED;
        }
        report(outcome);
    }

    private void finished() {
        Dispatch outcome;
        synchronized (this) {
            running = false;
            if (waiting) return;
            outcome = dispatch();
        }
        report(outcome);
    }

    /** Hands the next task to the pool; the caller holds the lock. */
    private Dispatch dispatch() {
        var task = tasks.peek();
        if (task == null) return Dispatch.NOTHING;
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    finished();
                }
            });
        } catch (RejectedExecutionException full) {
            waiting = true;
            return Dispatch.FULL;
        }
        tasks.poll();
        running = true;
        return Dispatch.HANDED;
    }

    /** Outside the lock: the saturation may speak to the caller and write the timeline. */
    private void report(Dispatch outcome) {
        if (outcome == Dispatch.FULL) saturation.full(this::retry);
        else if (outcome == Dispatch.CLEARED) saturation.cleared();
    }
}
