package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link AppointmentRepository} for domain tests; refuses overlaps like the database. */
public final class InMemoryAppointmentRepository implements AppointmentRepository {
    private final Map<AppointmentId, Appointment> appointments = new ConcurrentHashMap<>();

    @Override
    public synchronized void add(Appointment appointment) {
        boolean overlaps = appointments.values().stream().anyMatch(a -> a.tenantId().equals(appointment.tenantId())
                && a.status() == Appointment.Status.BOOKED
                && a.startsAt().isBefore(appointment.endsAt()) && appointment.startsAt().isBefore(a.endsAt()));
        if (overlaps && appointment.status() == Appointment.Status.BOOKED) throw new SlotTaken(appointment.startsAt());
        appointments.put(appointment.id(), appointment);
    }

    @Override
    public Optional<Appointment> findById(TenantId tenantId, AppointmentId id) {
        return Optional.ofNullable(appointments.get(id)).filter(a -> a.tenantId().equals(tenantId));
    }

    @Override
    public List<Appointment> list(TenantId tenantId, Instant from, Instant to) {
        return appointments.values().stream()
                .filter(a -> a.tenantId().equals(tenantId) && !a.startsAt().isBefore(from) && a.startsAt().isBefore(to))
                .sorted(Comparator.comparing(Appointment::startsAt)).toList();
    }

    @Override
    public synchronized boolean cancel(TenantId tenantId, AppointmentId id) {
        var found = findById(tenantId, id).filter(a -> a.status() == Appointment.Status.BOOKED);
        found.ifPresent(a -> appointments.put(id, a.canceled()));
        return found.isPresent();
    }
}
