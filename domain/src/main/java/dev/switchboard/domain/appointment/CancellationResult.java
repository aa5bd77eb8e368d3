package dev.switchboard.domain.appointment;

import java.util.List;

/** What {@link CancelAppointment} did. Only {@link Canceled} wrote anything. */
public sealed interface CancellationResult {
    /** @param appointment as it is now, canceled */
    record Canceled(Appointment appointment) implements CancellationResult {}

    /** No booked appointment matches (or it belongs to another tenant). */
    record NotFound() implements CancellationResult {}

    /** It was canceled before; nothing changed. */
    record AlreadyCanceled(Appointment appointment) implements CancellationResult {}

    /** Several booked appointments match the client and day; the caller must say which (by time). */
    record Ambiguous(List<Appointment> matches) implements CancellationResult {
        public Ambiguous {
            matches = List.copyOf(matches);
        }
    }
}
