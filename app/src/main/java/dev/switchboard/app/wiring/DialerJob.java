package dev.switchboard.app.wiring;

import dev.switchboard.domain.outbound.DialOutboundCalls;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dialer ({@link DialOutboundCalls}) on every instance every
 * {@code switchboard.outbound.interval}, on its own thread ({@code dialer-1}) — never on an API
 * request's, so a Twilio that hangs never holds {@code POST /api/v1/calls}.
 *
 * <p>Why not {@code @Scheduled}: Micronaut's scheduled pool is shared with reconciliation (and
 * anything else scheduled), so a reconciliation stuck on a slow Twilio or database could hold
 * the threads the dialer needs, and a dialer waiting on Twilio could delay reconciliation. One
 * thread is enough: a run claims a batch and dials it in order, and runs never overlap.
 */
@Singleton
@Requires(property = "switchboard.outbound.enabled", notEquals = "false")
final class DialerJob {
    private static final Logger LOG = LoggerFactory.getLogger(DialerJob.class);
    /** How long a stop waits for a dial in flight (one Twilio request, bounded by the client's timeouts). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private final DialOutboundCalls dialer;
    private final Duration interval;
    private final ScheduledThreadPoolExecutor thread;

    DialerJob(DialOutboundCalls dialer, OutboundProperties properties) {
        this.dialer = dialer;
        this.interval = properties.interval();
        var counter = new AtomicLong();
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            var t = new Thread(r, "dialer-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // A stopped dialer starts nothing new; the run in progress finishes (see stop()).
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    /** Starts once the application is up (the database migrated), like a scheduled job would. */
    @EventListener
    void start(StartupEvent started) {
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleWithFixedDelay(this::run, millis, millis, TimeUnit.MILLISECONDS);
    }

    void run() {
        try {
            var report = dialer.run();
            if (report.claimed() + report.retriesScheduled() > 0) LOG.info("dialer: {}", report);
        } catch (RuntimeException e) {
            // The next run tries again: the claims' leases run out and nothing is lost.
            LOG.warn("dialer run failed: {}", e.getMessage());
        }
    }

    /**
     * Lets a dial in flight finish rather than interrupting it mid-request: an interrupted request
     * leaves Twilio's answer unknown, and the call would wait out its confirm window.
     */
    @PreDestroy
    void stop() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the dialer was still dialing after {}: stopping it; its claims will expire", STOP_GRACE);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
