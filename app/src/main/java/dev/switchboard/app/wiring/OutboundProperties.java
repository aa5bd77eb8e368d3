package dev.switchboard.app.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code switchboard.outbound.*}: the dialer of outbound calls (docs/outbound-calls.md) and the
 * limits of a tenant that set none.
 */
@ConfigurationProperties("switchboard.outbound")
record OutboundProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1s") Duration interval,
        @Bindable(defaultValue = "5m") Duration lease,
        @Bindable(defaultValue = "10") int batch,
        @Bindable(defaultValue = "30s") Duration confirmWindow,
        @Bindable(defaultValue = "3") int maxTries,
        @Bindable(defaultValue = "24h") Duration idempotencyKeyLifetime,
        @Bindable(defaultValue = "16384") int contextMaxBytes,
        @Bindable(defaultValue = "5") int maxConcurrentCalls,
        @Bindable(defaultValue = "1") int callsPerSecond,
        @Bindable(defaultValue = "08:00") String callingHoursStart,
        @Bindable(defaultValue = "21:00") String callingHoursEnd) {}
