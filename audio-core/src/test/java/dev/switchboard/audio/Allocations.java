package dev.switchboard.audio;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread while running an action (HotSpot's ThreadMXBean). */
final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    static long during(Runnable action) {
        long id = Thread.currentThread().getId();
        long overhead = -THREADS.getThreadAllocatedBytes(id) + THREADS.getThreadAllocatedBytes(id);
        long before = THREADS.getThreadAllocatedBytes(id);
        action.run();
        long after = THREADS.getThreadAllocatedBytes(id);
        return after - before - overhead;
    }
}
