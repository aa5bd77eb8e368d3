package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two calls booking the same slot at the same instant: the exclusion constraint lets one win. */
@MicronautTest(transactional = false)
class ConcurrentBookingTest {
    private static final int ROUNDS = 20;

    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresAppointmentRepository appointments;
    @Inject
    TransactionOperations<Connection> transactions;

    private ExecutorService callers;

    @BeforeEach
    void two_callers() {
        callers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void hang_up() {
        callers.shutdownNow();
    }

    @Test
    void exactly_one_of_two_simultaneous_bookings_wins_each_slot() throws Exception {
        var tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        for (int round = 0; round < ROUNDS; round++) {
            var start = Fixtures.T0.plus(Duration.ofHours(round));
            // Different lengths, so the two bookings overlap without being the same row.
            var first = Fixtures.appointment(tenant.id(), start, Duration.ofMinutes(30));
            var second = Fixtures.appointment(tenant.id(), start.plus(Duration.ofMinutes(10)), Duration.ofMinutes(30));
            var barrier = new CyclicBarrier(2);
            List<Future<String>> outcomes = new ArrayList<>();
            for (var booking : List.of(first, second)) outcomes.add(callers.submit(() -> book(barrier, booking)));

            var results = new ArrayList<String>();
            for (var outcome : outcomes) results.add(outcome.get());
            assertThat(results).as("round %d", round).containsExactlyInAnyOrder("booked", "slot taken");
            var booked = appointments.list(tenant.id(), start, start.plus(Duration.ofHours(1)));
            assertThat(booked).hasSize(1).allMatch(a -> a.status() == Appointment.Status.BOOKED);
        }
    }

    @Test
    void a_booking_waits_for_an_uncommitted_overlapping_one_then_loses() throws Exception {
        var tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        var first = Fixtures.appointment(tenant.id(), Fixtures.T0, Duration.ofMinutes(30));
        var second = Fixtures.appointment(tenant.id(), Fixtures.T0.plus(Duration.ofMinutes(20)), Duration.ofMinutes(30));
        var inserted = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        // The first booking's transaction stays open until the second booking is seen waiting.
        var holder = callers.submit(() -> transactions.executeWrite(status -> {
            appointments.add(first);
            inserted.countDown();
            return commit.await(10, TimeUnit.SECONDS);
        }));
        assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
        var contender = callers.submit(() -> book(new CyclicBarrier(1), second));
        Thread.sleep(300);
        assertThat(contender.isDone()).as("waits on the uncommitted booking").isFalse();
        commit.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(contender.get(10, TimeUnit.SECONDS)).isEqualTo("slot taken");
        assertThat(appointments.findById(tenant.id(), first.id())).contains(first);
    }

    private String book(CyclicBarrier barrier, Appointment appointment) throws Exception {
        barrier.await();
        try {
            appointments.add(appointment);
            return "booked";
        } catch (AppointmentRepository.SlotTaken e) {
            return "slot taken";
        }
    }
}
