package dev.switchboard.domain.appointment;

import java.util.List;

/** What {@link BookAppointment} did. Only {@link Booked} wrote anything. */
public sealed interface BookingResult {
    record Booked(AppointmentId id, Slot slot) implements BookingResult {}

    /** Someone else holds (part of) the slot, perhaps since a moment ago; the nearest free slots instead. */
    record SlotTaken(Slot slot, List<Slot> alternatives) implements BookingResult {
        public SlotTaken {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** The service would not fit inside one opening interval that day; the nearest slots that do. */
    record OutsideOpeningHours(Slot slot, List<Slot> alternatives) implements BookingResult {
        public OutsideOpeningHours {
            alternatives = List.copyOf(alternatives);
        }
    }

    /**
     * The slot does not happen as written in the tenant's timezone: the clocks change during it
     * (a start in the hour skipped in spring); the nearest slots that do.
     */
    record NotAValidTime(Slot slot, List<Slot> alternatives) implements BookingResult {
        public NotAValidTime {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** The slot has already started in the tenant's timezone. */
    record InThePast(Slot slot) implements BookingResult {}

    /** The tenant has not set its opening hours yet, so nothing can be booked. */
    record NotConfigured() implements BookingResult {}
}
