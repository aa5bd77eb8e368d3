package dev.switchboard.app.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code switchboard.shutdown.grace-period} ({@code SWITCHBOARD_SHUTDOWN_GRACE}): how long a
 * SIGTERM waits for live calls' turns to finish before ending them anyway. Keep it under the
 * orchestrator's own kill timeout (Kubernetes' terminationGracePeriodSeconds, 30 s by default).
 */
@ConfigurationProperties("switchboard.shutdown")
record ShutdownProperties(@Bindable(defaultValue = "20s") Duration gracePeriod) {}
