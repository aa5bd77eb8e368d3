package dev.switchboard.app.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code switchboard.signup.max-per-address} sign-up attempts per client address in
 * {@code switchboard.signup.window}: each one creates a tenant or, refused with 409, tells whether
 * an e-mail address has an account, so neither may be done in bulk. Entries leave with their
 * window. Per instance. Thread-safe.
 */
@Singleton
public final class SignUpThrottle {
    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> attempts = new HashMap<>();

    SignUpThrottle(@Value("${switchboard.signup.max-per-address:5}") int max,
                   @Value("${switchboard.signup.window:1h}") Duration window, Clock clock) {
        if (max < 1) throw new IllegalArgumentException("switchboard.signup.max-per-address must be at least 1");
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    /** Counts this attempt, or says how long to wait when the address has had its share. */
    public synchronized Optional<Duration> reserve(String clientAddress) {
        var now = clock.instant();
        var oldest = now.minus(window);
        attempts.values().forEach(times -> {
            while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) times.removeFirst();
        });
        attempts.values().removeIf(Deque::isEmpty);
        var times = attempts.computeIfAbsent(clientAddress == null ? "" : clientAddress, k -> new ArrayDeque<>());
        if (times.size() >= max) return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        times.addLast(now);
        return Optional.empty();
    }
}
