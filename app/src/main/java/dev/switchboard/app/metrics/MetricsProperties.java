package dev.switchboard.app.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Who may scrape {@code /prometheus}: a scraper sending {@code Authorization: Bearer <token>}.
 * Without a token the endpoint answers 404: metrics name tenants' traffic and are not public.
 *
 * @param token {@code SWITCHBOARD_METRICS_TOKEN}
 */
@ConfigurationProperties("switchboard.metrics")
public record MetricsProperties(@Nullable String token) {
    boolean enabled() {
        return token != null && !token.isBlank();
    }
}
