package dev.switchboard.llm.streaming;

import dev.switchboard.domain.shared.PortFailure;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt failed: the {@link PortFailure} the caller will see if nothing else works, whether
 * trying again may help, and how long the provider asked us to wait ({@code retry-after}).
 */
public final class AttemptFailure extends RuntimeException {
    private final PortFailure failure;
    private final boolean retryable;
    private final Duration retryAfter;

    public AttemptFailure(PortFailure failure, boolean retryable, Duration retryAfter) {
        super(failure.getMessage(), failure, false, false);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static AttemptFailure of(PortFailure.Category category, boolean retryable, String message, Throwable cause) {
        return new AttemptFailure(new PortFailure(category, message, cause), retryable, null);
    }

    public PortFailure failure() {
        return failure;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The same failure, never retried (text already reached the caller's ear). */
    public AttemptFailure notRetryable() {
        return retryable ? new AttemptFailure(failure, false, retryAfter) : this;
    }
}
