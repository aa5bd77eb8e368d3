package dev.switchboard.app.security;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one e-mail address
 * within {@link #WINDOW}, further attempts for it are refused until the oldest failure leaves the
 * window — before the (deliberately slow) password hash is computed. Counted per e-mail, not per
 * client address: behind a proxy every client has the proxy's address, and one guesser would lock
 * everyone out. Per instance: behind a load balancer each instance counts its own share.
 */
@Singleton
public final class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** @return how long to wait, when this e-mail address has failed too often lately */
    public Optional<Duration> wait(String email) {
        var now = clock.instant();
        var times = failures.get(key(email));
        if (times == null) return Optional.empty();
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) times.removeFirst();
            if (times.size() < MAX_FAILURES) return Optional.empty();
            return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
    }

    public void failed(String email) {
        var times = failures.computeIfAbsent(key(email), k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            while (times.size() > MAX_FAILURES) times.removeFirst();
        }
    }

    public void succeeded(String email) {
        failures.remove(key(email));
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
