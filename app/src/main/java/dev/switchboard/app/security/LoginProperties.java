package dev.switchboard.app.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How hard password guessing is made ({@code switchboard.login.*}). Failures are counted in a
 * sliding {@code window}, per account and client address, per client address, and overall.
 *
 * @param maxFailuresPerAccount failures for one e-mail from one client address; a guesser elsewhere never locks the owner out
 * @param maxFailuresPerAddress failures from one client address, whatever the e-mails
 * @param maxFailuresOverall failures from everyone: the ceiling on guesses a botnet of many addresses gets
 * @param window how long a failure counts
 * @param maxConcurrentHashes password hashes computed at once (PBKDF2 takes a core for ~100 ms)
 * @param maxWaitingHashes requests allowed to wait for a hashing slot; beyond them the answer is 503 at once
 * @param hashWait the longest a request waits for a hashing slot
 */
@ConfigurationProperties("switchboard.login")
public record LoginProperties(
        @Bindable(defaultValue = "10") int maxFailuresPerAccount,
        @Bindable(defaultValue = "30") int maxFailuresPerAddress,
        @Bindable(defaultValue = "1000") int maxFailuresOverall,
        @Bindable(defaultValue = "15m") Duration window,
        @Bindable(defaultValue = "4") int maxConcurrentHashes,
        @Bindable(defaultValue = "16") int maxWaitingHashes,
        @Bindable(defaultValue = "2s") Duration hashWait) {

    public LoginProperties {
        if (maxFailuresPerAccount < 1 || maxFailuresPerAddress < 1 || maxFailuresOverall < 1)
            throw new IllegalArgumentException("switchboard.login.max-failures-* must be at least 1");
        if (maxConcurrentHashes < 1) throw new IllegalArgumentException("switchboard.login.max-concurrent-hashes must be at least 1");
        if (maxWaitingHashes < 0) throw new IllegalArgumentException("switchboard.login.max-waiting-hashes must not be negative");
    }

    /** The defaults, for tests that build the throttle by hand. */
    public static LoginProperties defaults() {
        return new LoginProperties(10, 30, 1000, Duration.ofMinutes(15), 4, 16, Duration.ofSeconds(2));
    }
}
