package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentId;
import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.appointment.AvailabilityFixtures;
import dev.switchboard.domain.appointment.BookAppointment;
import dev.switchboard.domain.appointment.BookingResult;
import dev.switchboard.domain.appointment.Slot;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Tenant;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Eight calls booking the same slot at the same instant through {@link BookAppointment} on real
 * PostgreSQL: one is booked, the seven others hear the slot is taken and get alternatives.
 */
@MicronautTest(transactional = false)
class ConcurrentBookAppointmentTest {
    private static final int CALLERS = 8;
    private static final Slot NINE = new Slot(AvailabilityFixtures.TUESDAY, LocalTime.of(9, 0), LocalTime.of(9, 30));
    private static final List<Slot> NEAREST = List.of(new Slot(AvailabilityFixtures.TUESDAY, LocalTime.of(9, 30), LocalTime.of(10, 0)),
            new Slot(AvailabilityFixtures.TUESDAY, LocalTime.of(10, 0), LocalTime.of(10, 30)),
            new Slot(AvailabilityFixtures.TUESDAY, LocalTime.of(10, 30), LocalTime.of(11, 0)));

    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresAvailabilityRepository availability;
    @Inject
    PostgresAppointmentRepository appointments;

    private Tenant tenant;

    @BeforeEach
    void a_salon() {
        tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        availability.save(tenant.id(), AvailabilityFixtures.salon());
    }

    @Test
    void all_pass_the_check_then_the_store_lets_exactly_one_win() throws Exception {
        // Every booking waits here after finding the slot free, so all of them race in the insert.
        var allChecked = new CyclicBarrier(CALLERS);
        var racing = new AppointmentRepository() {
            @Override
            public void add(Appointment appointment) {
                try {
                    allChecked.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                appointments.add(appointment);
            }

            @Override
            public Optional<Appointment> findById(TenantId tenantId, AppointmentId id) {
                return appointments.findById(tenantId, id);
            }

            @Override
            public List<Appointment> list(TenantId tenantId, Instant from, Instant to) {
                return appointments.list(tenantId, from, to);
            }

            @Override
            public boolean cancel(TenantId tenantId, AppointmentId id) {
                return appointments.cancel(tenantId, id);
            }
        };
        assertOneWinner(book(new BookAppointment(tenants, availability, racing, Clock.fixed(Fixtures.T0, ZoneOffset.UTC)), new CyclicBarrier(1)));
    }

    @Test
    void simultaneous_bookings_end_with_one_winner_however_they_interleave() throws Exception {
        var bookAppointment = new BookAppointment(tenants, availability, appointments, Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        assertOneWinner(book(bookAppointment, new CyclicBarrier(CALLERS)));
    }

    private List<BookingResult> book(BookAppointment bookAppointment, CyclicBarrier start) throws Exception {
        var pool = Executors.newFixedThreadPool(CALLERS);
        try {
            var tasks = new ArrayList<Callable<BookingResult>>();
            for (int i = 0; i < CALLERS; i++) {
                var name = "Caller " + i;
                tasks.add(() -> {
                    start.await(20, TimeUnit.SECONDS);
                    return bookAppointment.book(new BookAppointment.Command(tenant.id(), NINE.date(), NINE.start(), "haircut", name,
                            "+3361234567" + name.charAt(name.length() - 1), null));
                });
            }
            var results = new ArrayList<BookingResult>();
            for (var future : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) results.add(future.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertOneWinner(List<BookingResult> results) {
        var booked = results.stream().filter(BookingResult.Booked.class::isInstance).map(BookingResult.Booked.class::cast).toList();
        assertThat(booked).hasSize(1);
        assertThat(booked.get(0).slot()).isEqualTo(NINE);
        assertThat(results.stream().filter(r -> !(r instanceof BookingResult.Booked)).toList())
                .hasSize(CALLERS - 1).containsOnly(new BookingResult.SlotTaken(NINE, NEAREST));
        var stored = appointments.list(tenant.id(), Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(7)));
        assertThat(stored).extracting(Appointment::id).containsExactly(booked.get(0).id());
    }
}
