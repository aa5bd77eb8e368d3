package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallStats;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.InMemoryCallRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Day boundaries for fixed offsets (which PostgreSQL's AT TIME ZONE reads with the sign flipped) and empty ranges. */
@MicronautTest(transactional = false)
class CallStatsZoneTest {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;

    @Test
    void fixed_offsets_and_regions_agree_with_the_in_memory_fake() {
        var tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        var fake = new InMemoryCallRepository();
        // 22:30 UTC is the next day at +02:00 and the same day at -05:00.
        for (var at : List.of(Fixtures.T0, Fixtures.T0.plus(Duration.ofHours(13).plusMinutes(30)))) {
            var call = Fixtures.call(tenant.id(), at).advance(CallStatus.COMPLETED, at.plusSeconds(30)).call();
            calls.add(call);
            fake.add(call);
        }
        var from = Fixtures.T0.minus(Duration.ofDays(1));
        var to = Fixtures.T0.plus(Duration.ofDays(2));
        for (var zone : List.of(ZoneOffset.ofHours(2), ZoneOffset.ofHours(-5), ZoneOffset.UTC, ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC")))
            assertThat(calls.stats(tenant.id(), from, to, zone)).as("%s", zone).isEqualTo(fake.stats(tenant.id(), from, to, zone));

        assertThat(calls.stats(tenant.id(), from, to, ZoneOffset.ofHours(2)).perDay())
                .containsExactly(new CallStats.Day(LocalDate.of(2026, 3, 2), 1, 0), new CallStats.Day(LocalDate.of(2026, 3, 3), 1, 0));
    }

    @Test
    void an_empty_range_has_zero_everything() {
        var tenant = Fixtures.tenant("Quiet");
        tenants.save(tenant);
        assertThat(calls.stats(tenant.id(), Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(1)), ZoneId.of("Europe/Paris")))
                .isEqualTo(new CallStats(0, Map.of(), Map.<CallDirection, Long>of(), 0, 0.0, List.of()));
    }
}
