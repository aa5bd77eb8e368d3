package dev.switchboard.app.security;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many password hashes (PBKDF2, ~100 ms of a core each) run at once, for anonymous
 * requests — login and sign-up — that anyone can send. A few requests may wait briefly for a
 * slot; beyond that they are answered 503 at once rather than queued without limit, so a flood
 * of logins cannot take every core or pile up threads. Thread-safe.
 */
@Singleton
public final class HashingSlots {
    private final Semaphore running;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LoginProperties limits;

    HashingSlots(LoginProperties limits) {
        this.limits = limits;
        this.running = new Semaphore(limits.maxConcurrentHashes(), true);
    }

    /** Runs {@code hashing} in a slot. @throws HttpStatusException 503 when no slot frees up in time */
    public <T> T run(Supplier<T> hashing) {
        if (!running.tryAcquire()) {
            if (waiting.incrementAndGet() > limits.maxWaitingHashes()) {
                waiting.decrementAndGet();
                throw busy();
            }
            try {
                if (!running.tryAcquire(limits.hashWait().toMillis(), TimeUnit.MILLISECONDS)) throw busy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            } finally {
                waiting.decrementAndGet();
            }
        }
        try {
            return hashing.get();
        } finally {
            running.release();
        }
    }

    private static HttpStatusException busy() {
        return new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many logins at once; try again in a few seconds");
    }
}
