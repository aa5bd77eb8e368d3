package dev.switchboard.twilio.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * How we reach Twilio's REST API.
 *
 * @param apiUrl {@code SWITCHBOARD_TWILIO_API_URL}: where the API lives (default
 *     {@code https://api.twilio.com}); tests point it at the testkit's fake. Every request the
 *     SDK builds for {@code https://api.twilio.com/…} goes to this scheme, host and port instead.
 * @param apiConnectTimeout how long to wait for a connection
 * @param apiReadTimeout how long to wait for Twilio's answer to one request
 * @param apiAttempts how many times a request is tried in all when a retry is safe
 * @param apiBudget no further attempt starts unless it can finish within this much time since the
 *     first — so a hanging Twilio holds an API request for about this long at most
 */
@ConfigurationProperties("switchboard.twilio")
public record TwilioApiProperties(
        @Bindable(defaultValue = "https://api.twilio.com") String apiUrl,
        @Bindable(defaultValue = "3s") Duration apiConnectTimeout,
        @Bindable(defaultValue = "5s") Duration apiReadTimeout,
        @Bindable(defaultValue = "3") int apiAttempts,
        @Bindable(defaultValue = "12s") Duration apiBudget) {

    public TwilioApiProperties {
        var uri = URI.create(apiUrl.strip());
        if (uri.getScheme() == null || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")))
            throw new IllegalStateException("SWITCHBOARD_TWILIO_API_URL must be an absolute http(s) URL: " + apiUrl);
        apiUrl = apiUrl.strip().replaceAll("/+$", "");
        if (apiAttempts < 1) throw new IllegalStateException("switchboard.twilio.api-attempts must be at least 1");
    }
}
