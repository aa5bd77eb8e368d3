package dev.switchboard.twilio.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How Twilio's call status callbacks are taken in.
 *
 * @param patience how long a status callback keeps trying while the database is unavailable or
 *                 its connection pool is exhausted (a hang-up storm: a thousand calls ending in
 *                 the same second), instead of failing after the pool's short connection timeout.
 *                 Twilio does not retry a status callback that fails, so an error answer loses it
 *                 until reconciliation; waiting costs only a blocking thread. Keep it under
 *                 Twilio's 15 s webhook timeout.
 */
@ConfigurationProperties("switchboard.status-callbacks")
public record StatusCallbackProperties(@Bindable(defaultValue = "10s") Duration patience) {
    public StatusCallbackProperties {
        if (patience == null || patience.isNegative()) throw new IllegalArgumentException("switchboard.status-callbacks.patience must not be negative");
    }
}
