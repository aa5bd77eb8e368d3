package dev.switchboard.app.security;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing, before the (deliberately slow) password hash is computed. An attempt
 * is reserved — counted as a failure — atomically with the check, so concurrent guesses cannot
 * all slip through before the first failure is recorded; a successful login takes its
 * reservation back and clears its account's failures.
 *
 * <p>Three limits, in a sliding window ({@link LoginProperties}): per e-mail <em>and</em> client
 * address (so a guesser somewhere else never locks the owner out just by knowing the e-mail), per
 * client address (one address trying many e-mails), and overall (many addresses). Entries leave
 * with their window, so memory stays bounded by the limits. Per instance: behind a load balancer
 * each instance counts its own share. Thread-safe.
 */
@Singleton
public final class LoginThrottle {
    /** What {@link #reserve} decided. */
    public sealed interface Decision {
        /** Go ahead and check the password; report how it went on the attempt. */
        record Go(Attempt attempt) implements Decision {}

        /** Refused before any password is checked; try again after {@code retryAfter}. */
        record Wait(Duration retryAfter) implements Decision {}
    }

    private final LoginProperties limits;
    private final Clock clock;
    private final Map<String, Deque<Mark>> failures = new HashMap<>();
    private Instant lastSweep;

    LoginThrottle(LoginProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Checks every limit and, when none is reached, counts this attempt as a failure until it succeeds. */
    public synchronized Decision reserve(String email, String clientAddress) {
        var now = clock.instant();
        sweep(now);
        var keys = keys(email, clientAddress);
        int[] max = {limits.maxFailuresPerAccount(), limits.maxFailuresPerAddress(), limits.maxFailuresOverall()};
        Duration wait = Duration.ZERO;
        for (int i = 0; i < keys.size(); i++) {
            var times = failures.get(keys.get(i));
            if (times == null) continue;
            trim(times, now);
            if (times.size() >= max[i]) {
                var free = Duration.between(now, times.peekFirst().at().plus(limits.window()));
                if (free.compareTo(wait) > 0) wait = free;
            }
        }
        if (!wait.isZero()) return new Decision.Wait(wait);
        var mark = new Mark(now);
        for (var key : keys) failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(mark);
        return new Decision.Go(new Attempt(keys, mark));
    }

    /** How many failures are held in memory (for tests of expiry). */
    synchronized int entries() {
        return failures.size();
    }

    private synchronized void release(List<String> keys, Mark mark, boolean succeeded) {
        for (var key : keys) {
            var times = failures.get(key);
            if (times == null) continue;
            times.removeIf(m -> m == mark);
            if (times.isEmpty()) failures.remove(key);
        }
        if (succeeded) failures.remove(keys.get(0));
    }

    private void trim(Deque<Mark> times, Instant now) {
        var oldest = now.minus(limits.window());
        while (!times.isEmpty() && !times.peekFirst().at().isAfter(oldest)) times.removeFirst();
    }

    /** Drops every entry whose failures all left the window, at most once a minute. */
    private void sweep(Instant now) {
        if (lastSweep != null && Duration.between(lastSweep, now).compareTo(Duration.ofMinutes(1)) < 0) return;
        lastSweep = now;
        failures.values().forEach(times -> trim(times, now));
        failures.values().removeIf(Deque::isEmpty);
    }

    private static List<String> keys(String email, String clientAddress) {
        var address = clientAddress == null ? "" : clientAddress;
        return List.of("account " + normalized(email) + " " + address, "address " + address, "overall");
    }

    private static String normalized(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** One counted attempt; compared by identity, so exactly this reservation can be taken back. */
    private static final class Mark {
        private final Instant at;

        Mark(Instant at) {
            this.at = at;
        }

        Instant at() {
            return at;
        }
    }

    /** One reserved login attempt, counted as a failure until told otherwise. */
    public final class Attempt {
        private final List<String> keys;
        private final Mark mark;

        private Attempt(List<String> keys, Mark mark) {
            this.keys = keys;
            this.mark = mark;
        }

        /** The password was right: the reservation and this account's failures from this address are cleared. */
        public void succeeded() {
            release(keys, mark, true);
        }

        /** The password was never checked (no hashing slot): the attempt does not count. */
        public void abandoned() {
            release(keys, mark, false);
        }
    }
}
