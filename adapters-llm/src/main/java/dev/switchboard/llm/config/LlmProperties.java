package dev.switchboard.llm.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How patiently the platform waits for language models ({@code switchboard.llm.*}).
 *
 * @param connectTimeout to open the TCP/TLS connection
 * @param firstTokenTimeout from sending a request to the model's first output (text or tool call),
 *     per attempt: a caller is listening to silence meanwhile; also the longest silence allowed
 *     between two reads of a stream once it flows
 * @param totalTimeout for the whole reply, retries and backoff included
 * @param maxAttempts tries per request (1 = no retry); only failures before the first token are retried
 * @param initialBackoff wait before the first retry, doubled each time up to {@code maxBackoff}
 * @param maxRetryAfter the longest {@code retry-after} we honour; a longer one fails at once
 */
@ConfigurationProperties("switchboard.llm")
public record LlmProperties(
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "10s") Duration firstTokenTimeout,
        @Bindable(defaultValue = "60s") Duration totalTimeout,
        @Bindable(defaultValue = "3") int maxAttempts,
        @Bindable(defaultValue = "250ms") Duration initialBackoff,
        @Bindable(defaultValue = "4s") Duration maxBackoff,
        @Bindable(defaultValue = "10s") Duration maxRetryAfter) {

    public LlmProperties {
        if (maxAttempts < 1) throw new IllegalArgumentException("switchboard.llm.max-attempts must be at least 1");
    }

    /** The defaults, for code that builds adapters without a Micronaut context. */
    public static LlmProperties defaults() {
        return new LlmProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60), 3,
                Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(10));
    }
}
