package dev.switchboard.domain.appointment;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A slot booked with the business, usually by the agent during a call.
 *
 * @param callId the call that booked it; {@code null} when booked another way
 * @param startsAt inclusive; {@code endsAt} exclusive
 */
public record Appointment(
        AppointmentId id,
        TenantId tenantId,
        CallId callId,
        String clientName,
        String clientPhone,
        String serviceType,
        Instant startsAt,
        Instant endsAt,
        Status status,
        Instant createdAt) {

    /** Booked appointments hold their slot; canceled ones free it. */
    public enum Status { BOOKED, CANCELED }

    public Appointment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        if (clientName == null || clientName.isBlank()) throw new IllegalArgumentException("clientName is required");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) throw new IllegalArgumentException("an appointment must end after it starts");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Appointment canceled() {
        return new Appointment(id, tenantId, callId, clientName, clientPhone, serviceType, startsAt, endsAt, Status.CANCELED, createdAt);
    }
}
