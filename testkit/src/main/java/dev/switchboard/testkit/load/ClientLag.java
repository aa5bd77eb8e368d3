package dev.switchboard.testkit.load;

/**
 * The load client measuring itself: a thread sleeps 10 ms at a time and records how much later
 * than asked it woke. Every latency the callers report includes the time the client took to get
 * on a CPU; with server and client sharing two cores, a latency tail that this lag matches is the
 * client's, not the server's.
 */
final class ClientLag {
    private static final long PERIOD_NANOS = 10_000_000;

    private ClientLag() {}

    /** Starts measuring into {@code lag} until the returned thread is interrupted. */
    static Thread start(Latencies lag) {
        var thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long due = System.nanoTime() + PERIOD_NANOS;
                try {
                    Thread.sleep(PERIOD_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    return;
                }
                lag.add(Math.max(0, System.nanoTime() - due));
            }
        }, "client-lag");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
