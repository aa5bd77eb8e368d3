package dev.switchboard.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.netty.util.concurrent.EventExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How late the HTTP server's event loops run a task they were given: every loop is handed a
 * no-op every {@value #PERIOD_MS} ms and the time between when it was due and when it ran is
 * recorded. A webhook or a socket frame waits behind whatever its loop is doing, before any
 * handler's timer starts, so this is the part of a request's latency the per-route timers
 * cannot see (accepting and reading it); a lag near a webhook's tail says the server's loops,
 * not the network or the client, held that request.
 *
 * <p>A loop that stays late past {@code switchboard.metrics.blocked-loop-warning} (200 ms) is
 * caught in the act: a watchdog logs, once per episode, what that loop's thread is running, so
 * the code holding the loop is named rather than guessed.
 */
@Singleton
final class EventLoopLag implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoopLag.class);
    private static final long PERIOD_MS = 50;
    private static final int FRAMES_LOGGED = 25;

    /** One loop's probe: when it is next due and the thread that runs it. */
    private static final class Probe {
        final EventExecutor loop;
        volatile long due;
        volatile Thread thread;
        long reportedDue;

        Probe(EventExecutor loop) {
            this.loop = loop;
        }
    }

    private final EventLoopGroupRegistry loops;
    private final Timer lag;
    private final long warnAfterNanos;
    private final List<Probe> probes = new ArrayList<>();
    private volatile Thread watchdog;

    EventLoopLag(EventLoopGroupRegistry loops, MeterRegistry registry,
                 @Value("${switchboard.metrics.blocked-loop-warning:200ms}") Duration warnAfter) {
        this.loops = loops;
        this.warnAfterNanos = warnAfter.toNanos();
        this.lag = Timer.builder("switchboard.event_loop.lag")
                .description("How long after it was due a task handed to an HTTP event loop ran (sampled every 50 ms per loop)")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (watchdog != null) return;
        for (EventExecutor loop : loops.getDefaultEventLoopGroup()) {
            var probe = new Probe(loop);
            probes.add(probe);
            schedule(probe);
        }
        var thread = new Thread(this::watch, "event-loop-watchdog");
        thread.setDaemon(true);
        thread.start();
        watchdog = thread;
    }

    @PreDestroy
    void stop() {
        var thread = watchdog;
        if (thread != null) thread.interrupt();
    }

    private void schedule(Probe probe) {
        if (probe.loop.isShuttingDown()) return;
        probe.due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
        try {
            probe.loop.schedule(() -> ran(probe), PERIOD_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The server is shutting down: nothing left to measure.
        }
    }

    private void ran(Probe probe) {
        long late = System.nanoTime() - probe.due;
        probe.thread = Thread.currentThread();
        lag.record(Math.max(0, late), TimeUnit.NANOSECONDS);
        if (late > warnAfterNanos) {
            LOG.warn("HTTP event loop {} ran {} ms late: webhooks and socket frames on it waited as long", probe.thread.getName(),
                    TimeUnit.NANOSECONDS.toMillis(late));
        }
        schedule(probe);
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (var probe : probes) {
                long due = probe.due;
                var thread = probe.thread;
                if (thread == null || now - due < warnAfterNanos || probe.reportedDue == due) continue;
                probe.reportedDue = due;
                LOG.warn("HTTP event loop {} is blocked ({} ms so far), running:\n{}", thread.getName(),
                        TimeUnit.NANOSECONDS.toMillis(now - due), stack(thread));
            }
        }
    }

    private static String stack(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).limit(FRAMES_LOGGED).map(f -> "\tat " + f).collect(Collectors.joining("\n"));
    }
}
