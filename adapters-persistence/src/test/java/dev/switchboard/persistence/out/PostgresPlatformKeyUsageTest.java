package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.conversation.PlatformKeyUsage;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform key's daily counts on real PostgreSQL: atomic under concurrency, one count per call. */
@MicronautTest(transactional = false)
class PostgresPlatformKeyUsageTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 3);
    private static final int RACERS = 16;

    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PlatformKeyUsage usage;

    private TenantId tenant;

    @BeforeEach
    void a_tenant() {
        var t = Fixtures.tenant("Salon");
        tenants.save(t);
        tenant = t.id();
    }

    @Test
    void sixteen_calls_racing_for_five_places_admit_exactly_five() throws Exception {
        var answers = race(RACERS, i -> usage.admitCall(tenant, call(), DAY, 5, 1_000));
        assertThat(answers.stream().filter(a -> a).count()).isEqualTo(5);
        assertThat(usage.day(tenant, DAY)).isEqualTo(new PlatformKeyUsage.Day(5, 0));
    }

    @Test
    void one_call_asked_about_many_times_at_once_is_counted_once_and_answered_alike() throws Exception {
        var call = call();
        var answers = race(RACERS, i -> usage.admitCall(tenant, call, DAY, 5, 1_000));
        assertThat(answers).containsOnly(true);
        assertThat(usage.day(tenant, DAY)).isEqualTo(new PlatformKeyUsage.Day(1, 0));
    }

    @Test
    void a_refused_call_stays_refused_and_an_admitted_one_admitted() {
        var first = call();
        var second = call();
        assertThat(usage.admitCall(tenant, first, DAY, 1, 1_000)).isTrue();
        assertThat(usage.admitCall(tenant, second, DAY, 1, 1_000)).isFalse();
        // Even with a higher limit later, a call keeps the answer it got.
        assertThat(usage.admitCall(tenant, second, DAY, 10, 1_000)).isFalse();
        assertThat(usage.admitCall(tenant, first, DAY, 1, 1_000)).isTrue();
        assertThat(usage.day(tenant, DAY)).isEqualTo(new PlatformKeyUsage.Day(1, 0));
    }

    @Test
    void concurrent_token_counts_add_up_exactly_and_a_spent_day_admits_no_call() throws Exception {
        var totals = race(RACERS, i -> usage.addOutputTokens(tenant, DAY, 100));
        assertThat(totals).hasSize(RACERS).doesNotHaveDuplicates().contains(1_600L);
        assertThat(usage.day(tenant, DAY)).isEqualTo(new PlatformKeyUsage.Day(0, 1_600));
        assertThat(usage.admitCall(tenant, call(), DAY, 5, 1_600)).isFalse();
        assertThat(usage.admitCall(tenant, call(), DAY, 5, 1_601)).isTrue();
    }

    @Test
    void days_and_tenants_are_counted_apart_and_a_zero_limit_admits_nothing() {
        var other = Fixtures.tenant("Other");
        tenants.save(other);
        assertThat(usage.admitCall(tenant, call(), DAY, 1, 1_000)).isTrue();
        assertThat(usage.admitCall(tenant, call(), DAY.plusDays(1), 1, 1_000)).isTrue();
        assertThat(usage.admitCall(other.id(), call(), DAY, 1, 1_000)).isTrue();
        assertThat(usage.admitCall(other.id(), call(), DAY.plusDays(2), 0, 1_000)).isFalse();
        assertThat(usage.day(tenant, DAY)).isEqualTo(new PlatformKeyUsage.Day(1, 0));
        assertThat(usage.day(other.id(), DAY.plusDays(2))).isEqualTo(new PlatformKeyUsage.Day(0, 0));
    }

    private static CallId call() {
        return new CallId(UUID.randomUUID());
    }

    private interface Step<T> {
        T run(int i) throws Exception;
    }

    private static <T> List<T> race(int n, Step<T> step) throws Exception {
        var start = new CyclicBarrier(n);
        var pool = Executors.newFixedThreadPool(n);
        try {
            var tasks = new ArrayList<Callable<T>>();
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(() -> {
                    start.await(20, TimeUnit.SECONDS);
                    return step.run(index);
                });
            }
            var results = new ArrayList<T>();
            for (var future : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) results.add(future.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
