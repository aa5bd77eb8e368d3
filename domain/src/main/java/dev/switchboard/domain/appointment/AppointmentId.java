package dev.switchboard.domain.appointment;

import dev.switchboard.domain.shared.RandomUuids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a booked appointment. */
public record AppointmentId(UUID value) {
    public AppointmentId {
        Objects.requireNonNull(value, "AppointmentId");
    }

    public static AppointmentId random() {
        return new AppointmentId(RandomUuids.next());
    }

    public static AppointmentId parse(String text) {
        return new AppointmentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
