package dev.switchboard.app.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the server treats slow clients.
 *
 * @param requestDeadline {@code SWITCHBOARD_REQUEST_DEADLINE}: how long a request may take to arrive
 *                        whole, from its first byte to its last; {@code 0s} turns the deadline off
 */
@ConfigurationProperties("switchboard.http")
public record HttpServerProperties(@Bindable(defaultValue = "30s") Duration requestDeadline) {
    public HttpServerProperties {
        if (requestDeadline == null || requestDeadline.isNegative())
            throw new IllegalArgumentException("switchboard.http.request-deadline must be 0 (off) or a positive duration");
    }
}
