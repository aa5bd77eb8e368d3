package dev.switchboard.app.wiring;

import dev.switchboard.domain.outbound.DialOutboundCalls;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dialer ({@link DialOutboundCalls}) on every instance every
 * {@code switchboard.outbound.interval}, on the scheduler's thread — never on an API request's,
 * so a Twilio that hangs never holds {@code POST /api/v1/calls}.
 */
@Singleton
@Requires(property = "switchboard.outbound.enabled", notEquals = "false")
final class DialerJob {
    private static final Logger LOG = LoggerFactory.getLogger(DialerJob.class);
    private final DialOutboundCalls dialer;

    DialerJob(DialOutboundCalls dialer) {
        this.dialer = dialer;
    }

    @Scheduled(fixedDelay = "${switchboard.outbound.interval:1s}", initialDelay = "${switchboard.outbound.interval:1s}")
    void run() {
        try {
            var report = dialer.run();
            if (report.claimed() + report.retriesScheduled() > 0) LOG.info("dialer: {}", report);
        } catch (RuntimeException e) {
            // The next run tries again: the claims' leases run out and nothing is lost.
            LOG.warn("dialer run failed: {}", e.getMessage());
        }
    }
}
