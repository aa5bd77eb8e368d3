package dev.switchboard.app.wiring;

import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.appointment.AvailabilityRepository;
import dev.switchboard.domain.appointment.BookAppointment;
import dev.switchboard.domain.appointment.CancelAppointment;
import dev.switchboard.domain.appointment.CheckAvailability;
import dev.switchboard.domain.knowledge.KnowledgeRepository;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tool.BookAppointmentTool;
import dev.switchboard.domain.tool.CancelAppointmentTool;
import dev.switchboard.domain.tool.CheckAvailabilityTool;
import dev.switchboard.domain.tool.EndCallTool;
import dev.switchboard.domain.tool.SendDigitsTool;
import dev.switchboard.domain.tool.SearchKnowledgeTool;
import dev.switchboard.domain.tool.Tool;
import dev.switchboard.domain.tool.Toolbox;
import dev.switchboard.domain.tool.TransferToHumanTool;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * The appointment use cases and the agent's tools, built with {@code new}. Each tool is a
 * {@link Tool} bean named after the tool; the {@link Toolbox} every runtime uses gathers all
 * {@code Tool} beans, so a tool added elsewhere (e.g. {@code send_sms}) joins it by being a bean.
 */
@Factory
final class ToolFactory {
    @Singleton
    CheckAvailability checkAvailability(TenantRepository tenants, AvailabilityRepository availability,
                                        AppointmentRepository appointments, Clock clock) {
        return new CheckAvailability(tenants, availability, appointments, clock);
    }

    @Singleton
    BookAppointment bookAppointment(TenantRepository tenants, AvailabilityRepository availability,
                                    AppointmentRepository appointments, Clock clock) {
        return new BookAppointment(tenants, availability, appointments, clock);
    }

    @Singleton
    CancelAppointment cancelAppointment(TenantRepository tenants, AppointmentRepository appointments) {
        return new CancelAppointment(tenants, appointments);
    }

    @Singleton
    @Named(SearchKnowledgeTool.NAME)
    Tool searchKnowledge(KnowledgeRepository knowledge) {
        return new SearchKnowledgeTool(knowledge);
    }

    @Singleton
    @Named(CheckAvailabilityTool.NAME)
    Tool checkAvailabilityTool(CheckAvailability checkAvailability) {
        return new CheckAvailabilityTool(checkAvailability);
    }

    @Singleton
    @Named(BookAppointmentTool.NAME)
    Tool bookAppointmentTool(BookAppointment bookAppointment) {
        return new BookAppointmentTool(bookAppointment);
    }

    @Singleton
    @Named(CancelAppointmentTool.NAME)
    Tool cancelAppointmentTool(CancelAppointment cancelAppointment, TenantRepository tenants) {
        return new CancelAppointmentTool(cancelAppointment, tenants);
    }

    @Singleton
    @Named(TransferToHumanTool.NAME)
    Tool transferToHuman() {
        return new TransferToHumanTool();
    }

    @Singleton
    @Named(EndCallTool.NAME)
    Tool endCall() {
        return new EndCallTool();
    }

    @Singleton
    @Named(SendDigitsTool.NAME)
    Tool sendDigits() {
        return new SendDigitsTool();
    }

    @Singleton
    Toolbox toolbox(List<Tool> tools) {
        return new Toolbox(tools);
    }
}
