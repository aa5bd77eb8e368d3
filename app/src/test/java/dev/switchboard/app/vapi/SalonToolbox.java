package dev.switchboard.app.vapi;

import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.appointment.AvailabilityFixtures;
import dev.switchboard.domain.appointment.AvailabilityRepository;
import dev.switchboard.domain.appointment.AvailabilityRules;
import dev.switchboard.domain.appointment.BookAppointment;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tool.BookAppointmentTool;
import dev.switchboard.domain.tool.Toolbox;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** For the Vapi E2E test: the real booking tool on the real appointment store, every tenant open like the salon. */
@Factory
@Requires(property = "spec.name", value = "VapiServerMessagesE2eTest")
class SalonToolbox {
    @Singleton
    @Replaces(Toolbox.class)
    Toolbox toolbox(TenantRepository tenants, AppointmentRepository appointments, Clock clock) {
        AvailabilityRepository salon = new AvailabilityRepository() {
            @Override
            public Optional<AvailabilityRules> find(TenantId tenantId) {
                return Optional.of(AvailabilityFixtures.salon());
            }

            @Override
            public void save(TenantId tenantId, AvailabilityRules rules) {
                throw new UnsupportedOperationException();
            }
        };
        return new Toolbox(List.of(new BookAppointmentTool(new BookAppointment(tenants, salon, appointments, clock))));
    }
}
