package dev.switchboard.domain.assistant;

import java.time.Duration;
import java.util.Objects;

/**
 * How often an outbound call is tried again when the line is busy or nobody answers.
 *
 * @param attempts dial attempts in all, the first included (1: never again), at most 10
 * @param spacing the pause between the end of one attempt and the next dial, 1 minute to 7 days
 */
public record RetryPolicy(int attempts, Duration spacing) {
    public static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ofMinutes(10));

    public RetryPolicy {
        Objects.requireNonNull(spacing, "spacing");
        if (attempts < 1 || attempts > 10) throw new IllegalArgumentException("retry.attempts: must be within 1..10");
        if (spacing.compareTo(Duration.ofMinutes(1)) < 0 || spacing.compareTo(Duration.ofDays(7)) > 0)
            throw new IllegalArgumentException("retry.spacingMinutes: must be within 1..10080 minutes");
    }
}
