package dev.switchboard.domain.appointment;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What {@link CheckAvailability} found for one day. */
public sealed interface AvailabilityResult {
    /**
     * The business is open that day; {@code freeSlots} may be empty when it is fully booked.
     *
     * @param serviceType the service as asked, {@code null} when none was given
     * @param length how long the service takes, hence each slot
     */
    record Open(LocalDate date, String serviceType, Duration length, List<Slot> freeSlots) implements AvailabilityResult {
        public Open {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(length, "length");
            freeSlots = List.copyOf(freeSlots);
        }
    }

    /** Closed all day (weekday without hours or a closed date). @param nextOpenDay {@code null} if none within two weeks */
    record Closed(LocalDate date, LocalDate nextOpenDay) implements AvailabilityResult {}

    /** The day is over in the tenant's timezone. */
    record InThePast(LocalDate date, LocalDate today) implements AvailabilityResult {}

    /** The tenant has not set its opening hours yet. */
    record NotConfigured() implements AvailabilityResult {}
}
