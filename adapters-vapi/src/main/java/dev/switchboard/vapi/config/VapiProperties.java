package dev.switchboard.vapi.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How we reach Vapi's REST API: {@code switchboard.vapi.base-url} (default
 * {@code https://api.vapi.ai}; tests point it at the testkit fake) and how long one request may
 * take before the step is reported as timed out.
 */
@ConfigurationProperties("switchboard.vapi")
public record VapiProperties(
        @Bindable(defaultValue = "https://api.vapi.ai") String baseUrl,
        @Bindable(defaultValue = "15s") Duration timeout) {}
