package dev.switchboard.app.wiring;

import dev.switchboard.domain.appointment.AvailabilityRepository;
import dev.switchboard.domain.appointment.AvailabilityRules;
import dev.switchboard.domain.tenant.Tenant;
import jakarta.inject.Singleton;

/** A tenant's opening hours in words, for the agent's prompt; {@code null} when none are set. */
@Singleton
final class OpeningHoursText {
    private final AvailabilityRepository availability;

    OpeningHoursText(AvailabilityRepository availability) {
        this.availability = availability;
    }

    String describe(Tenant tenant) {
        try {
            return availability.find(tenant.id()).map(AvailabilityRules::describe).orElse(null);
        } catch (RuntimeException e) {
            // The call matters more than this line of the prompt.
            return null;
        }
    }
}
