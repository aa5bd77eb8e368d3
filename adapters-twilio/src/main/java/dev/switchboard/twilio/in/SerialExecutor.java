package dev.switchboard.twilio.in;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs one socket's tasks one after another, in arrival order, on a shared pool — so a call's
 * turns keep their order without a thread per call.
 */
final class SerialExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor pool;
    private Runnable active;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                next();
            }
        });
        if (active == null) next();
    }

    /** Nothing running and nothing waiting. */
    synchronized boolean idle() {
        return active == null && tasks.isEmpty();
    }

    private synchronized void next() {
        active = tasks.poll();
        if (active != null) pool.execute(active);
    }
}
