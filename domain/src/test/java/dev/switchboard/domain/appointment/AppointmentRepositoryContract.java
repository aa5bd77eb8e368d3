package dev.switchboard.domain.appointment;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AppointmentRepository} does: no overlapping bookings, tenant isolation. */
public abstract class AppointmentRepositoryContract {
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    protected abstract TenantRepository tenants();

    protected abstract AppointmentRepository appointments();

    private Tenant tenant;

    @BeforeEach
    void a_tenant() {
        tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
    }

    @Test
    void books_lists_and_cancels() {
        var later = Fixtures.appointment(tenant.id(), T0.plus(HALF_HOUR), HALF_HOUR);
        var first = Fixtures.appointment(tenant.id(), T0, HALF_HOUR);
        appointments().add(later);
        appointments().add(first);
        assertThat(appointments().list(tenant.id(), T0, T0.plus(Duration.ofDays(1)))).containsExactly(first, later);

        assertThat(appointments().cancel(tenant.id(), first.id())).isTrue();
        assertThat(appointments().cancel(tenant.id(), first.id())).isFalse();
        assertThat(appointments().findById(tenant.id(), first.id())).contains(first.canceled());
    }

    @Test
    void an_overlapping_booking_is_refused_until_the_slot_is_freed() {
        var booked = Fixtures.appointment(tenant.id(), T0, HALF_HOUR);
        appointments().add(booked);
        var overlapping = Fixtures.appointment(tenant.id(), T0.plus(Duration.ofMinutes(15)), HALF_HOUR);
        assertThatThrownBy(() -> appointments().add(overlapping)).isInstanceOf(AppointmentRepository.SlotTaken.class);

        appointments().cancel(tenant.id(), booked.id());
        appointments().add(overlapping);
        assertThat(appointments().findById(tenant.id(), overlapping.id())).contains(overlapping);
    }

    @Test
    void tenants_do_not_share_slots_or_see_each_other() {
        var other = Fixtures.tenant("Other");
        tenants().save(other);
        var mine = Fixtures.appointment(tenant.id(), T0, HALF_HOUR);
        var theirs = Fixtures.appointment(other.id(), T0, HALF_HOUR);
        appointments().add(mine);
        appointments().add(theirs);
        assertThat(appointments().findById(other.id(), mine.id())).isEmpty();
        assertThat(appointments().cancel(other.id(), mine.id())).isFalse();
        assertThat(appointments().list(other.id(), T0, T0.plus(HALF_HOUR))).containsExactly(theirs);
    }
}
