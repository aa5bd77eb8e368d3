package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores appointments. Two booked appointments of one tenant never overlap: the store itself
 * enforces it, so two calls booking the same slot at the same instant cannot both win.
 */
public interface AppointmentRepository {
    /**
     * Inserts a booked appointment.
     *
     * @throws SlotTaken if it overlaps another booked appointment of the tenant
     */
    void add(Appointment appointment);

    Optional<Appointment> findById(TenantId tenantId, AppointmentId id);

    /** Appointments starting in [{@code from}, {@code to}), earliest first, canceled ones included. */
    List<Appointment> list(TenantId tenantId, Instant from, Instant to);

    /** @return whether a booked appointment of the tenant was canceled */
    boolean cancel(TenantId tenantId, AppointmentId id);

    /** Raised when the slot overlaps an existing booking. */
    final class SlotTaken extends RuntimeException {
        public SlotTaken(Instant startsAt) {
            super("slot already booked: " + startsAt);
        }
    }
}
