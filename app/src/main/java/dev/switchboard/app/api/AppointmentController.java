package dev.switchboard.app.api;

import dev.switchboard.app.api.problem.FieldError;
import dev.switchboard.app.api.problem.InvalidInput;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.appointment.Appointment;
import dev.switchboard.domain.appointment.AppointmentId;
import dev.switchboard.domain.appointment.AppointmentRepository;
import dev.switchboard.domain.appointment.CancelAppointment;
import dev.switchboard.domain.appointment.CancellationResult;
import dev.switchboard.domain.appointment.Slot;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * Appointments, mostly booked by the agent: list a range of days and cancel one. Days and times
 * are the tenant's wall clock; {@code startsAt}/{@code endsAt} give the instants too.
 */
@Controller("/api/v1/appointments")
@Tag(name = "Appointments")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AppointmentController {
    static final int MAX_DAYS = 92;

    private final AppointmentRepository appointments;
    private final CancelAppointment cancelAppointment;
    private final TenantRepository tenants;
    private final Clock clock;

    AppointmentController(AppointmentRepository appointments, CancelAppointment cancelAppointment, TenantRepository tenants, Clock clock) {
        this.appointments = appointments;
        this.cancelAppointment = cancelAppointment;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Serdeable
    @Schema(name = "Appointment", requiredProperties = {"id", "status", "date", "start", "end", "startsAt", "endsAt", "createdAt"})
    record AppointmentView(@Schema(example = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d") String id,
                           @Schema(type = "string", allowableValues = {"booked", "canceled"}, example = "booked") String status,
                           @Schema(example = "Ada Lovelace") String clientName, @Schema(example = "+33612345678") String clientPhone,
                           @Schema(example = "haircut") String serviceType, @Schema(description = "in the tenant's timezone", example = "2030-03-05") String date,
                           @Schema(example = "10:00") String start, @Schema(example = "10:30") String end,
                           @Schema(example = "2030-03-05T09:00:00Z") Instant startsAt, @Schema(example = "2030-03-05T09:30:00Z") Instant endsAt,
                           @Schema(description = "the call that booked it") String callId, @Schema(example = "2026-03-02T09:00:00Z") Instant createdAt) {
        static AppointmentView of(Appointment a, ZoneId zone) {
            var start = a.startsAt().atZone(zone);
            var end = a.endsAt().atZone(zone);
            return new AppointmentView(a.id().toString(), a.status().name().toLowerCase(Locale.ROOT), a.clientName(), a.clientPhone(),
                    a.serviceType(), start.toLocalDate().toString(), Slot.hhmm(start.toLocalTime()), Slot.hhmm(end.toLocalTime()),
                    a.startsAt(), a.endsAt(), a.callId() == null ? null : a.callId().toString(), a.createdAt());
        }
    }

    /**
     * Appointments starting on the days {@code from}..{@code to} (yyyy-MM-dd, both inclusive;
     * default: today and the six days after it), earliest first, canceled ones included.
     */
    @Get
    @Operation(operationId = "listAppointments", summary = "Appointments of a range of days, earliest first")
    @ProblemAnswers.Invalid
    List<AppointmentView> list(Authentication auth, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        var tenant = Caller.of(auth).tenantId();
        var zone = tenants.findById(tenant).map(t -> t.timezone()).orElse(ZoneOffset.UTC);
        var errors = new ArrayList<FieldError>();
        var first = date(errors, "from", from);
        var last = date(errors, "to", to);
        if (!errors.isEmpty()) throw new InvalidInput(errors);
        if (first == null) first = clock.instant().atZone(zone).toLocalDate();
        if (last == null) last = first.plusDays(6);
        if (last.isBefore(first)) throw new InvalidInput("to", "must not be before from");
        if (last.isAfter(first.plusDays(MAX_DAYS - 1))) throw new InvalidInput("to", "at most " + MAX_DAYS + " days at once");
        return appointments.list(tenant, first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant())
                .stream().map(a -> AppointmentView.of(a, zone)).toList();
    }

    /** Cancels a booked appointment: 200 with it, 404 if unknown, 409 if already canceled. */
    @Post("/{id}/cancel")
    @Operation(operationId = "cancelAppointment", summary = "Cancel a booked appointment")
    @ProblemAnswers.NotFound
    @ProblemAnswers.Conflict
    AppointmentView cancel(Authentication auth, String id) {
        var tenant = Caller.of(auth).tenantId();
        var command = new CancelAppointment.Command.ById(tenant, NotFound.id("appointment", id, AppointmentId::parse));
        var result = cancelAppointment.cancel(command);
        var zone = tenants.findById(tenant).map(t -> t.timezone()).orElse(ZoneOffset.UTC);
        if (result instanceof CancellationResult.Canceled canceled) return AppointmentView.of(canceled.appointment(), zone);
        if (result instanceof CancellationResult.AlreadyCanceled)
            throw new HttpStatusException(HttpStatus.CONFLICT, "appointment " + id + " is already canceled");
        throw NotFound.of("appointment", id);
    }

    private static LocalDate date(List<FieldError> errors, String field, String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as yyyy-MM-dd, e.g. 2026-03-14"));
            return null;
        }
    }
}
