package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code switchboard.reconcile.*}: how often each instance runs {@code ReconcileCalls} and
 * {@code RecheckStuckSms}, when a call without a final status counts as stale (ADR 007), and when
 * a sent text still queued or sending (no delivery report) is read from Twilio, read again, and
 * left alone.
 */
@ConfigurationProperties("switchboard.reconcile")
record ReconcileProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1m") Duration interval,
        @Bindable(defaultValue = "1h") Duration staleAfter,
        @Bindable(defaultValue = "15m") Duration recheckAfter,
        @Bindable(defaultValue = "50") int batch,
        @Bindable(defaultValue = "1d") Duration keepEarlyFor,
        @Bindable(defaultValue = "10m") Duration smsAfter,
        @Bindable(defaultValue = "30m") Duration smsRecheckAfter,
        @Bindable(defaultValue = "3d") Duration smsGiveUpAfter) {}
