package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded, named pools live calls run on, instead of Micronaut's unbounded {@code io} pool
 * (issue 9 §5): {@code call-turns} for relay turns and frames, Media Streams control frames (their
 * audio is forwarded on the event loop) and stream calls' tool waits, {@code call-tools} for tools, and one {@code call-timers} thread for bounded waits.
 * A full pool refuses work ({@link java.util.concurrent.RejectedExecutionException}) rather than
 * growing; each user of a pool decides what the caller hears then. Idle threads exit after a
 * minute. On shutdown, work already queued still runs (the graceful stop has drained live turns).
 */
@Factory
final class CallThreadsFactory {
    /** Read by the relay socket under this name. */
    static final String CALL_TURNS = "call-turns";
    static final String CALL_TOOLS = "call-tools";
    /** Bounded waits of live calls (a stream call's wait for its last {@code mark}); tasks are tiny. */
    static final String CALL_TIMERS = "call-timers";
    /**
     * Diagnoses of ended Vapi calls, which ask Vapi's API whether the assistant drifted: run here,
     * after the webhook has answered, not while Vapi waits for that answer. Two threads and 256
     * waiting calls: each waits at most {@code switchboard.vapi.timeout}; when full, the webhook
     * diagnoses from the stored sync state instead (see {@code VapiFactory}).
     */
    static final String CALL_DIAGNOSIS = "call-diagnosis";
    private static final Duration IDLE = Duration.ofMinutes(1);

    @Singleton
    @Named(CALL_TURNS)
    @Bean(preDestroy = "shutdown")
    ExecutorService callTurns(CallsProperties calls) {
        return bounded("call-turn", calls.turnThreads(), calls.turnQueue());
    }

    @Singleton
    @Named(CALL_TOOLS)
    @Bean(preDestroy = "shutdown")
    ExecutorService callTools(CallsProperties calls) {
        return bounded("call-tool", calls.toolThreads(), calls.toolQueue());
    }

    @Singleton
    @Named(CALL_DIAGNOSIS)
    @Bean(preDestroy = "shutdown")
    ExecutorService callDiagnosis() {
        return bounded("call-diagnosis", 2, 256);
    }

    @Singleton
    @Named(CALL_TIMERS)
    @Bean(preDestroy = "shutdown")
    ScheduledExecutorService callTimers() {
        var counter = new AtomicLong();
        return Executors.newScheduledThreadPool(1, r -> {
            var t = new Thread(r, "call-timer-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static ThreadPoolExecutor bounded(String name, int threads, int queue) {
        // Two locks (put, take): the event loops handing work over never wait on the lock a pool
        // thread holds while taking; an ArrayBlockingQueue's one lock parked event loops for
        // hundreds of milliseconds at 1,000 calls on busy cores (JFR, issue 12).
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(queue);
        var counter = new AtomicLong();
        var pool = new ThreadPoolExecutor(threads, threads, IDLE.toMillis(), TimeUnit.MILLISECONDS, waiting, r -> {
            var t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
