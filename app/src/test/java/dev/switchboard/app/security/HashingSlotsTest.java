package dev.switchboard.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {
    @Test
    void beyond_the_running_and_waiting_slots_the_answer_is_503_at_once() throws Exception {
        var slots = new HashingSlots(new LoginProperties(10, 30, 1000, Duration.ofMinutes(15), 2, 0, Duration.ofSeconds(30)));
        var release = new CountDownLatch(1);
        var started = new CountDownLatch(2);
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) pool.submit(() -> slots.run(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            started.await();
            assertThatThrownBy(() -> slots.run(() -> "never")).isInstanceOfSatisfying(HttpStatusException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode()));
            release.countDown();
        } finally {
            pool.shutdown();
        }
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(slots.run(() -> "free again")).isEqualTo("free again");
    }

    @Test
    void never_more_than_the_slots_hash_at_once() throws Exception {
        var slots = new HashingSlots(new LoginProperties(10, 30, 1000, Duration.ofMinutes(15), 3, 100, Duration.ofSeconds(60)));
        var inside = new AtomicInteger();
        var most = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(20);
        try {
            var done = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) pool.submit(() -> {
                try {
                    slots.run(() -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        new PasswordHasher().hash("correct horse battery");
                        inside.decrementAndGet();
                        return null;
                    });
                } finally {
                    done.countDown();
                }
            });
            done.await();
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isBetween(1, 3);
    }
}
