package dev.switchboard.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PlatformKeyQuotaTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T23:00:00Z"), ZoneOffset.UTC);
    private static final TenantId TENANT = new TenantId(UUID.randomUUID());

    /** Records each addition as it starts; the first can be held until the test lets it go. */
    private static final class Usage implements PlatformKeyUsage {
        final List<Long> writes = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst;
        volatile RuntimeException failNext;

        Usage(boolean holdFirst) {
            releaseFirst = new CountDownLatch(holdFirst ? 1 : 0);
        }

        @Override
        public boolean admitCall(TenantId tenant, CallId call, LocalDate day, int dailyCalls, long dailyTokens) {
            return true;
        }

        @Override
        public long addOutputTokens(TenantId tenant, LocalDate day, long tokens) {
            var failure = failNext;
            if (failure != null) {
                failNext = null;
                throw failure;
            }
            writes.add(tokens);
            firstStarted.countDown();
            try {
                if (!releaseFirst.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return writes.stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public Day day(TenantId tenant, LocalDate day) {
            return new Day(0, writes.stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void tokens_reported_while_the_tenants_count_is_being_written_return_at_once_and_are_written_together_right_after() throws Exception {
        var usage = new Usage(true);
        var quota = new PlatformKeyQuota(usage, 100, 1_000_000, CLOCK);
        var first = new Thread(() -> quota.spent(TENANT, 120));
        first.start();
        assertThat(usage.firstStarted.await(30, TimeUnit.SECONDS)).isTrue();

        // Another call's reports while the first write holds the row: they do not wait for it.
        quota.spent(TENANT, 30);
        quota.spent(TENANT, 7);
        assertThat(usage.writes).containsExactly(120L);

        usage.releaseFirst.countDown();
        first.join(30_000);
        assertThat(first.isAlive()).isFalse();
        assertThat(usage.writes).containsExactly(120L, 37L);
    }

    @Test
    void a_report_alone_is_written_before_it_returns() {
        var usage = new Usage(false);
        var quota = new PlatformKeyQuota(usage, 100, 1_000_000, CLOCK);
        quota.spent(TENANT, 120);
        assertThat(usage.writes).containsExactly(120L);
        quota.spent(TENANT, 0);
        assertThat(usage.writes).containsExactly(120L);
    }

    @Test
    void tokens_of_a_failed_write_are_kept_and_written_with_the_next_report() {
        var usage = new Usage(false);
        var quota = new PlatformKeyQuota(usage, 100, 1_000_000, CLOCK);
        usage.failNext = new IllegalStateException("database down");
        assertThatThrownBy(() -> quota.spent(TENANT, 120)).hasMessage("database down");
        assertThat(usage.writes).isEmpty();

        quota.spent(TENANT, 5);
        assertThat(usage.writes).containsExactly(125L);
    }
}
