package dev.switchboard.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final String HOME = "203.0.113.7";
    private static final String ELSEWHERE = "198.51.100.9";
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginProperties.defaults(), clock);

    @Test
    void ten_failures_for_an_account_refuse_the_eleventh_until_the_first_leaves_the_window() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.reserve("ana@example.com", HOME)).isInstanceOf(LoginThrottle.Decision.Go.class);
            clock.advance(Duration.ofMinutes(1));
        }
        var refused = throttle.reserve("ana@example.com", HOME);
        assertThat(refused).isEqualTo(new LoginThrottle.Decision.Wait(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.reserve("ana@example.com", HOME)).isInstanceOf(LoginThrottle.Decision.Go.class);
        assertThat(throttle.reserve("ana@example.com", HOME)).isInstanceOf(LoginThrottle.Decision.Wait.class);
    }

    @Test
    void the_email_is_counted_whatever_its_case_and_spaces() {
        for (int i = 0; i < 10; i++) throttle.reserve(i % 2 == 0 ? "Ana@Example.COM" : "  ana@example.com ", HOME);
        assertThat(throttle.reserve("ANA@EXAMPLE.COM", HOME)).isInstanceOf(LoginThrottle.Decision.Wait.class);
    }

    @Test
    void a_success_takes_its_attempt_back_and_clears_the_accounts_failures() {
        for (int i = 0; i < 9; i++) throttle.reserve("ana@example.com", HOME);
        var right = (LoginThrottle.Decision.Go) throttle.reserve("ana@example.com", HOME);
        right.attempt().succeeded();
        for (int i = 0; i < 10; i++)
            assertThat(throttle.reserve("ana@example.com", HOME)).as("attempt " + i).isInstanceOf(LoginThrottle.Decision.Go.class);
        assertThat(throttle.reserve("ana@example.com", HOME)).isInstanceOf(LoginThrottle.Decision.Wait.class);
    }

    @Test
    void a_guesser_elsewhere_does_not_lock_the_owner_out() {
        for (int i = 0; i < 10; i++) throttle.reserve("ana@example.com", ELSEWHERE);
        assertThat(throttle.reserve("ana@example.com", ELSEWHERE)).isInstanceOf(LoginThrottle.Decision.Wait.class);
        assertThat(throttle.reserve("ana@example.com", HOME)).isInstanceOf(LoginThrottle.Decision.Go.class);
    }

    @Test
    void one_address_trying_many_emails_is_stopped_after_thirty() {
        for (int i = 0; i < 30; i++)
            assertThat(throttle.reserve("user" + i + "@example.com", ELSEWHERE)).isInstanceOf(LoginThrottle.Decision.Go.class);
        assertThat(throttle.reserve("someone-new@example.com", ELSEWHERE)).isInstanceOf(LoginThrottle.Decision.Wait.class);
        assertThat(throttle.reserve("someone-new@example.com", HOME)).isInstanceOf(LoginThrottle.Decision.Go.class);
    }

    @Test
    void many_addresses_together_meet_the_overall_ceiling() {
        var small = new LoginThrottle(new LoginProperties(10, 30, 50, Duration.ofMinutes(15), 4, 16, Duration.ofSeconds(2)), clock);
        for (int i = 0; i < 50; i++) small.reserve("ana@example.com", "10.0.0." + i);
        assertThat(small.reserve("bob@example.com", "10.0.1.1")).isInstanceOf(LoginThrottle.Decision.Wait.class);
    }

    @Test
    void an_abandoned_attempt_does_not_count() {
        for (int i = 0; i < 20; i++) ((LoginThrottle.Decision.Go) throttle.reserve("ana@example.com", HOME)).attempt().abandoned();
        assertThat(throttle.reserve("ana@example.com", HOME)).isInstanceOf(LoginThrottle.Decision.Go.class);
    }

    @Test
    void entries_expire_with_their_window() {
        for (int i = 0; i < 100; i++) throttle.reserve("user" + i + "@example.com", "10.0.0." + i);
        assertThat(throttle.entries()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(16));
        throttle.reserve("late@example.com", HOME);
        assertThat(throttle.entries()).isEqualTo(3);
    }

    @Test
    void thirty_concurrent_guesses_get_exactly_ten_attempts() throws Exception {
        var pool = Executors.newFixedThreadPool(30);
        try {
            var start = new CountDownLatch(1);
            List<Future<LoginThrottle.Decision>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) answers.add(pool.submit(() -> {
                start.await();
                return throttle.reserve("ana@example.com", HOME);
            }));
            start.countDown();
            int allowed = 0;
            for (var answer : answers) if (answer.get() instanceof LoginThrottle.Decision.Go) allowed++;
            assertThat(allowed).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }
}
