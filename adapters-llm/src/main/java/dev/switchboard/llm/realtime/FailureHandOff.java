package dev.switchboard.llm.realtime;

import dev.switchboard.domain.modelcall.VoiceModelFailure;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a failed Realtime session hands its call off (the listener then updates the live call
 * through Twilio's REST API, a blocking request): never the socket's event loop, which carries
 * other calls' audio. Bounded threads, an unbounded queue (failures are rare and each is one call
 * that must still be handed on); idle threads go.
 */
final class FailureHandOff {
    private FailureHandOff() {}

    static ThreadPoolExecutor pool() {
        var counter = new AtomicLong();
        var pool = new ThreadPoolExecutor(16, 16, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            var t = new Thread(r, "realtime-failure-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Tells the listener on {@code failures}, or here when the pool has stopped (the server is going down). */
    static void tell(Executor failures, VoiceModelListener listener, VoiceModelFailure failure) {
        try {
            failures.execute(() -> listener.failed(failure));
        } catch (RejectedExecutionException stopping) {
            listener.failed(failure);
        }
    }
}
