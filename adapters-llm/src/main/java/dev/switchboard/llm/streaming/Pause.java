package dev.switchboard.llm.streaming;

import dev.switchboard.domain.conversation.Cancellation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits between attempts; replaceable so tests can see the waits without spending them. */
@FunctionalInterface
public interface Pause {
    /** @return false when cancelled while waiting */
    boolean await(Duration duration, Cancellation cancellation);

    /** Really waits, waking early on cancellation. */
    static Pause real() {
        return (duration, cancellation) -> {
            var woken = new CountDownLatch(1);
            cancellation.onCancel(woken::countDown);
            try {
                woken.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !cancellation.isCancelled();
        };
    }
}
