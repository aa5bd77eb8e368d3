package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code switchboard.reconcile.*}: how often each instance runs {@code ReconcileCalls}, and when
 * a call without a final status counts as stale (ADR 007).
 */
@ConfigurationProperties("switchboard.reconcile")
record ReconcileProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1m") Duration interval,
        @Bindable(defaultValue = "1h") Duration staleAfter,
        @Bindable(defaultValue = "15m") Duration recheckAfter,
        @Bindable(defaultValue = "50") int batch,
        @Bindable(defaultValue = "1d") Duration keepEarlyFor) {}
