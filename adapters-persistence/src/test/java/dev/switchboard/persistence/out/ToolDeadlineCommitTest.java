package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentId;
import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.appointment.AvailabilityFixtures;
import dev.switchboard.domain.appointment.BookAppointment;
import dev.switchboard.domain.appointment.CancelAppointment;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tool.BookAppointmentTool;
import dev.switchboard.domain.tool.CancelAppointmentTool;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.ToolRunner;
import dev.switchboard.domain.tool.Toolbox;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tool stopped at its deadline must not commit behind the model's back (issue 9, item 15):
 * whatever the timing, what the model is told matches what PostgreSQL holds. The runner's
 * deadline is zero, and the tool's executor returns from {@code submit} only once the tool is
 * held at a chosen point (in its write, or in a read before it), so the deadline passes exactly
 * there, every run. The held repository call ignores interrupts, as a JDBC socket read does.
 */
@MicronautTest(transactional = false)
class ToolDeadlineCommitTest {
    private static final String CALLER = "+33612345678";

    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresAvailabilityRepository availability;
    @Inject
    PostgresAppointmentRepository appointments;

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HeldExecutor executor;
    private Tenant tenant;
    private Assistant assistant;

    @BeforeEach
    void a_salon() {
        tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        availability.save(tenant.id(), AvailabilityFixtures.salon());
        var fixture = Fixtures.assistant(tenant.id(), "Reception");
        assistant = new Assistant(fixture.id(), fixture.tenantId(), fixture.name(), fixture.persona(), fixture.systemPrompt(),
                fixture.firstMessage(), fixture.language(), fixture.voice(), fixture.transcriber(), fixture.model(),
                Set.of("book_appointment", "cancel_appointment"), fixture.dtmfPolicy(), fixture.interruptible(),
                fixture.transferNumber(), fixture.runtime(), fixture.createdAt(), fixture.updatedAt());
        executor = new HeldExecutor(held);
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void a_booking_whose_write_is_under_way_at_the_deadline_is_waited_for_and_reported_booked() throws Exception {
        var runner = runner(new Held(appointments, Point.ADD));
        var answered = new AtomicReference<ToolOutcome>();
        var asking = new Thread(() -> answered.set(runner.run(context(), book())), "model-turn");
        asking.start();
        // The runner has passed its deadline and is waiting (timed) for the write, or (before the
        // fix) has already answered: either way, now let the write finish.
        awaitState(asking, Thread.State.TIMED_WAITING, Thread.State.TERMINATED);
        release.countDown();
        asking.join(TimeUnit.SECONDS.toMillis(30));
        settle();

        var stored = booked();
        assertThat(stored).hasSize(1);
        assertThat(answered.get()).isInstanceOf(ToolOutcome.Answer.class);
        assertThat(answered.get().forModel()).startsWith("Booked: haircut for Jean Dupont on 2026-03-03 (Tuesday) from 10:00");
        assertThat(answered.get().details()).containsEntry("result", "booked")
                .containsEntry("appointmentId", stored.get(0).id().toString())
                .containsEntry("deadline", "passed while writing; waited for the write");
    }

    @Test
    void a_booking_still_reading_at_the_deadline_is_abandoned_and_never_written() throws Exception {
        var runner = runner(new Held(appointments, Point.LIST));
        var outcome = runner.run(context(), book());
        release.countDown();
        settle();

        assertThat(outcome).isInstanceOf(ToolOutcome.Failed.class);
        assertThat(outcome.forModel()).isEqualTo("Error: book_appointment took too long and was stopped. Tell the caller and offer another way.");
        assertThat(booked()).isEmpty();
    }

    @Test
    void a_cancellation_still_reading_at_the_deadline_is_abandoned_and_the_appointment_stays_booked() throws Exception {
        var kept = Fixtures.appointment(tenant.id(), Instant.parse("2026-03-03T09:00:00Z"), Duration.ofMinutes(30));
        appointments.add(kept);
        var runner = runner(new Held(appointments, Point.LIST));
        var outcome = runner.run(context(), new ToolCall("call_2", CancelAppointmentTool.NAME, Map.of("date", "2026-03-03")));
        release.countDown();
        settle();

        assertThat(outcome).isInstanceOf(ToolOutcome.Failed.class);
        assertThat(appointments.findById(tenant.id(), kept.id())).map(Appointment::status).contains(Appointment.Status.BOOKED);
    }

    private ToolRunner runner(AppointmentRepository repository) {
        var clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
        var toolbox = new Toolbox(List.of(new BookAppointmentTool(new BookAppointment(tenants, availability, repository, clock)),
                new CancelAppointmentTool(new CancelAppointment(tenants, repository), tenants)));
        return new ToolRunner(toolbox, executor, Duration.ZERO, Duration.ofSeconds(30));
    }

    private ToolContext context() {
        return new ToolContext(tenant.id(), assistant, null, CALLER);
    }

    private static ToolCall book() {
        return new ToolCall("call_1", BookAppointmentTool.NAME, Map.of("date", "2026-03-03", "time", "10:00",
                "client_name", "Jean Dupont", "service_type", "haircut"));
    }

    /** Lets the abandoned or finished tool thread run to its end before the store is read. */
    private void settle() throws InterruptedException {
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private List<Appointment> booked() {
        return appointments.list(tenant.id(), Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(7))).stream()
                .filter(a -> a.status() == Appointment.Status.BOOKED).toList();
    }

    private static void awaitState(Thread thread, Thread.State... states) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Set.of(states).contains(thread.getState()) && System.nanoTime() < giveUp) Thread.sleep(1);
    }

    private enum Point { ADD, LIST }

    /** The real repository, with one method held until the test releases it, deaf to interrupts. */
    private final class Held implements AppointmentRepository {
        private final AppointmentRepository real;
        private final Point point;

        Held(AppointmentRepository real, Point point) {
            this.real = real;
            this.point = point;
        }

        private void hold(Point here) {
            if (here != point) return;
            held.countDown();
            while (true) {
                try {
                    release.await();
                    Thread.interrupted(); // a JDBC call already on the wire is not stopped by an interrupt either
                    return;
                } catch (InterruptedException ignored) {
                    // keep going, like a write already sent
                }
            }
        }

        @Override
        public void add(Appointment appointment) {
            hold(Point.ADD);
            real.add(appointment);
        }

        @Override
        public Optional<Appointment> findById(TenantId tenantId, AppointmentId id) {
            return real.findById(tenantId, id);
        }

        @Override
        public List<Appointment> list(TenantId tenantId, Instant from, Instant to) {
            hold(Point.LIST);
            return real.list(tenantId, from, to);
        }

        @Override
        public boolean cancel(TenantId tenantId, AppointmentId id) {
            return real.cancel(tenantId, id);
        }
    }

    /** Returns a submitted task's future only once the task is held, so a zero deadline falls exactly there. */
    private static final class HeldExecutor extends ThreadPoolExecutor {
        private final CountDownLatch held;

        HeldExecutor(CountDownLatch held) {
            super(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            this.held = held;
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            var future = super.submit(task);
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return future;
        }
    }
}
