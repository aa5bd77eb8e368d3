package dev.switchboard.app.wiring;

import dev.switchboard.domain.sms.RecheckStuckSms;
import dev.switchboard.domain.telephony.ReconcileCalls;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ReconcileCalls} and {@link RecheckStuckSms} on every instance, every
 * {@code switchboard.reconcile.interval}; one failing does not keep the other from running.
 */
@Singleton
@Requires(property = "switchboard.reconcile.enabled", notEquals = "false")
final class ReconciliationJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationJob.class);
    private final ReconcileCalls reconcile;
    private final RecheckStuckSms texts;

    ReconciliationJob(ReconcileCalls reconcile, RecheckStuckSms texts) {
        this.reconcile = reconcile;
        this.texts = texts;
    }

    @Scheduled(fixedDelay = "${switchboard.reconcile.interval:1m}", initialDelay = "${switchboard.reconcile.interval:1m}")
    void run() {
        try {
            var report = reconcile.run();
            if (report.checked() + report.earlyApplied() + report.earlyForgotten() > 0) LOG.info("reconciliation: {}", report);
        } catch (RuntimeException e) {
            // The next run tries again; a database away now is not a reason to stop the schedule.
            LOG.warn("reconciliation failed: {}", e.getMessage());
        }
        try {
            var report = texts.run();
            if (report.checked() > 0) LOG.info("texts without delivery reports: {}", report);
        } catch (RuntimeException e) {
            LOG.warn("re-checking texts failed: {}", e.getMessage());
        }
    }
}
