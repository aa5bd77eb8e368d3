package dev.switchboard.app.api;

import dev.switchboard.app.doctor.Doctor;
import dev.switchboard.app.doctor.Finding;
import dev.switchboard.app.security.Caller;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The doctor for the signed-in tenant: every check with its result and its fix. Always 200 —
 * {@code healthy} says whether anything failed. {@code ./switchboard doctor} prints the same.
 */
@Controller("/api/v1/diagnostics")
@Tag(name = "Diagnostics")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DiagnosticsController {
    private final Doctor doctor;

    DiagnosticsController(Doctor doctor) {
        this.doctor = doctor;
    }

    @Get
    @Operation(operationId = "getDiagnostics", summary = "Every check of the tenant's setup, with its result and its fix")
    Finding.Diagnosis examine(Authentication auth) {
        return doctor.examine(Caller.of(auth).tenantId(), false);
    }

    /** The checks again, repairing what can be repaired (numbers' webhooks at Twilio): {@code doctor --fix}. */
    @Post(uri = "/repair", consumes = {MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(operationId = "repairDiagnostics", summary = "The checks again, pointing drifted numbers back at us")
    @ProblemAnswers.Forbidden
    Finding.Diagnosis repair(Authentication auth) {
        return doctor.examine(Caller.of(auth).requireConfigure().tenantId(), true);
    }
}
