package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.studio.CheckVapiSync;
import dev.switchboard.domain.studio.SyncAssistantToVapi;
import dev.switchboard.domain.studio.SyncReport;
import dev.switchboard.domain.studio.SyncStep;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.util.LinkedHashMap;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.Problem;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * The Studio's Vapi sync. {@code POST /sync-vapi} answers 200 only when Vapi confirmed every
 * step (read back and compared); any failed step makes the whole answer a problem+json with the
 * status of the first failure and the full per-step report under {@code report}, so "saved &
 * synced" can never be shown for a sync that did not happen.
 */
@Controller("/api/v1/studio")
@Tag(name = "Vapi sync")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class StudioController {
    static final String PROBLEM_BASE = "https://switchboard.dev/problems/";
    private final SyncAssistantToVapi sync;
    private final CheckVapiSync check;
    private final JsonMapper json;

    StudioController(SyncAssistantToVapi sync, CheckVapiSync check, JsonMapper json) {
        this.sync = sync;
        this.check = check;
        this.json = json;
    }

    /** The optional body of {@code POST /sync-vapi}, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "SyncVapiRequest")
    record SyncRequest(@Schema(description = "the assistant to sync; default every Vapi assistant") String assistantId) {}

    /**
     * The assistant may also be named as a query parameter; without one, every Vapi assistant is
     * synced. A failed step answers problem+json with the failed {@code step} and the whole
     * {@code report}.
     */
    @Post(uri = "/sync-vapi", consumes = {MediaType.APPLICATION_JSON, MediaType.ALL})
    @Operation(operationId = "syncVapi", summary = "Push assistants to Vapi and confirm every step by reading it back")
    @ApiResponse(responseCode = "200", description = "Vapi confirmed every step",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StudioViews.ReportView.class)))
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    @ApiResponse(responseCode = "409", description = "The assistant runs on another runtime, Vapi is not connected, or a step failed on our side",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = StudioViews.SyncProblemView.class)))
    @ApiResponse(responseCode = "422", description = "Vapi refused a step's request; step.error quotes Vapi",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = StudioViews.SyncProblemView.class)))
    @ApiResponse(responseCode = "429", description = "Vapi is rate limiting us; try again shortly",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = StudioViews.SyncProblemView.class)))
    @ApiResponse(responseCode = "502", description = "Vapi failed, refused our key, or its read-back did not match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = StudioViews.SyncProblemView.class)))
    @ApiResponse(responseCode = "504", description = "Vapi did not answer in time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = StudioViews.SyncProblemView.class)))
    HttpResponse<?> syncVapi(HttpRequest<?> request, Authentication auth, @Nullable @QueryValue String assistantId,
                             @Nullable @Body @RequestBody(content = @Content(schema = @Schema(implementation = SyncRequest.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var id = assistantId;
        if (raw != null && !raw.isBlank()) {
            var body = JsonBody.parse(json, raw);
            var fromBody = body.text("assistantId", false);
            body.validate();
            if (fromBody != null) id = fromBody;
        }
        var target = id == null ? null : NotFound.id("assistant", id, AssistantId::parse);
        var result = sync.sync(new SyncAssistantToVapi.Command(tenant, target));
        if (result instanceof SyncAssistantToVapi.Result.AssistantNotFound) throw NotFound.of("assistant", id);
        if (result instanceof SyncAssistantToVapi.Result.NotVapiRuntime n)
            throw new HttpStatusException(HttpStatus.CONFLICT, "assistant " + n.id() + " runs on " + n.runtime().name().toLowerCase()
                    + ", not vapi: set its runtime to vapi to sync it to Vapi");
        if (result instanceof SyncAssistantToVapi.Result.NotConnected n) throw new HttpStatusException(HttpStatus.CONFLICT, n.detail());
        var report = ((SyncAssistantToVapi.Result.Done) result).report();
        if (report.succeeded()) return HttpResponse.ok(StudioViews.report(report));
        return failed(request, report);
    }

    /** The stored state of each Vapi assistant plus a live drift check against Vapi. */
    @Get("/sync-vapi/status")
    @Operation(operationId = "getVapiSyncStatus", summary = "Each Vapi assistant's stored sync state, and a live drift check")
    @ProblemAnswers.NotFound
    StudioViews.StatusView status(Authentication auth, @Nullable @QueryValue String assistantId) {
        var tenant = Caller.of(auth).tenantId();
        var target = assistantId == null ? null : NotFound.id("assistant", assistantId, AssistantId::parse);
        var result = check.check(new CheckVapiSync.Command(tenant, target));
        if (result instanceof CheckVapiSync.Result.AssistantNotFound) throw NotFound.of("assistant", assistantId);
        return StudioViews.status(((CheckVapiSync.Result.Done) result).checks());
    }

    private static HttpResponse<?> failed(HttpRequest<?> request, SyncReport report) {
        var step = report.firstFailure().orElseThrow();
        var status = status(step);
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", PROBLEM_BASE + "vapi-sync-failed");
        problem.put("title", "Vapi sync failed");
        problem.put("status", status.getCode());
        problem.put("detail", "Vapi sync failed at " + step.describe());
        problem.put("instance", request.getPath());
        problem.put("step", StudioViews.step(step));
        problem.put("report", StudioViews.report(report));
        return HttpResponse.status(status).contentType("application/problem+json").body(problem);
    }

    /** The first failure decides: Vapi's rate limit and timeout pass through; our refusals are conflicts. */
    private static HttpStatus status(SyncStep step) {
        if (step.failure() == null) return step.step().equals("read-back") ? HttpStatus.BAD_GATEWAY : HttpStatus.CONFLICT;
        return switch (step.failure()) {
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case BAD_REQUEST -> HttpStatus.UNPROCESSABLE_ENTITY;
            case REJECTED_CREDENTIALS, NOT_FOUND, UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
        };
    }
}
