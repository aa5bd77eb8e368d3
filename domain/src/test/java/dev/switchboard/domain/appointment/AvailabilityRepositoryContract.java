package dev.switchboard.domain.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AvailabilityRepository} does: one set of rules per tenant, replaced whole. */
public abstract class AvailabilityRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract AvailabilityRepository availability();

    private Tenant tenant;

    @BeforeEach
    void a_tenant() {
        tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
    }

    @Test
    void a_tenant_has_no_rules_until_it_saves_some() {
        assertThat(availability().find(tenant.id())).isEmpty();
        availability().save(tenant.id(), AvailabilityFixtures.salon());
        assertThat(availability().find(tenant.id())).contains(AvailabilityFixtures.salon());
    }

    @Test
    void saving_replaces_the_rules_whole() {
        availability().save(tenant.id(), AvailabilityFixtures.salon());
        var mondays = new AvailabilityRules(Map.of(DayOfWeek.MONDAY, List.of(OpeningInterval.parse("08:00-12:30"))),
                Duration.ofMinutes(20), Map.of(), Duration.ofMinutes(10), new TreeSet<>());
        availability().save(tenant.id(), mondays);
        var found = availability().find(tenant.id()).orElseThrow();
        assertThat(found).isEqualTo(mondays);
        assertThat(found.serviceDurations()).isEmpty();
        assertThat(found.closedDates()).isEmpty();
    }

    @Test
    void tenants_do_not_see_each_others_rules() {
        var other = Fixtures.tenant("Other");
        tenants().save(other);
        availability().save(tenant.id(), AvailabilityFixtures.salon());
        assertThat(availability().find(other.id())).isEmpty();
        var closedAlways = new AvailabilityRules(Map.of(), Duration.ofMinutes(30), Map.of(), Duration.ofMinutes(15), new TreeSet<>());
        availability().save(other.id(), closedAlways);
        assertThat(availability().find(tenant.id())).contains(AvailabilityFixtures.salon());
        assertThat(availability().find(other.id())).contains(closedAlways);
    }
}
