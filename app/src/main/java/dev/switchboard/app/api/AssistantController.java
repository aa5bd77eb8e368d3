package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.api.problem.ProblemAnswers;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** The Studio's assistants: create, read, replace, delete — within the caller's tenant only. */
@Controller("/api/v1/assistants")
@Tag(name = "Assistants")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AssistantController {
    private final AssistantRepository assistants;
    private final JsonMapper json;
    private final Clock clock;
    private final AssistantWarnings warnings;

    AssistantController(AssistantRepository assistants, JsonMapper json, Clock clock, AssistantWarnings warnings) {
        this.assistants = assistants;
        this.json = json;
        this.clock = clock;
        this.warnings = warnings;
    }

    @Get
    @Operation(operationId = "listAssistants", summary = "The tenant's assistants")
    List<AssistantView> list(Authentication auth) {
        return assistants.list(Caller.of(auth).tenantId()).stream().map(this::view).toList();
    }

    @Get("/{id}")
    @Operation(operationId = "getAssistant", summary = "One assistant")
    @ProblemAnswers.NotFound
    AssistantView get(Authentication auth, String id) {
        var tenant = Caller.of(auth).tenantId();
        var assistantId = NotFound.id("assistant", id, AssistantId::parse);
        return assistants.findById(tenant, assistantId).map(this::view).orElseThrow(() -> NotFound.of("assistant", id));
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createAssistant", summary = "Create an assistant; omitted settings take working defaults")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    AssistantView create(Authentication auth, @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AssistantJson.Request.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var assistant = AssistantJson.read(JsonBody.parse(json, raw), tenant, null, clock.instant());
        assistants.save(assistant);
        return view(assistant);
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceAssistant", summary = "Replace an assistant whole (id and creation time stay)")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    AssistantView replace(Authentication auth, String id,
                          @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AssistantJson.Request.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var previous = assistants.findById(tenant, NotFound.id("assistant", id, AssistantId::parse))
                .orElseThrow(() -> NotFound.of("assistant", id));
        var assistant = AssistantJson.read(JsonBody.parse(json, raw), tenant, previous, clock.instant());
        assistants.save(assistant);
        return view(assistant);
    }

    private AssistantView view(dev.switchboard.domain.assistant.Assistant assistant) {
        return AssistantJson.view(assistant, warnings.of(assistant));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteAssistant", summary = "Delete an assistant")
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    void delete(Authentication auth, String id) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        if (!assistants.delete(tenant, NotFound.id("assistant", id, AssistantId::parse))) throw NotFound.of("assistant", id);
    }
}
