package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.util.List;

/** The Studio's assistants: create, read, replace, delete — within the caller's tenant only. */
@Controller("/api/v1/assistants")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AssistantController {
    private final AssistantRepository assistants;
    private final JsonMapper json;
    private final Clock clock;

    AssistantController(AssistantRepository assistants, JsonMapper json, Clock clock) {
        this.assistants = assistants;
        this.json = json;
        this.clock = clock;
    }

    @Get
    List<AssistantView> list(Authentication auth) {
        return assistants.list(Caller.of(auth).tenantId()).stream().map(AssistantJson::view).toList();
    }

    @Get("/{id}")
    AssistantView get(Authentication auth, String id) {
        var tenant = Caller.of(auth).tenantId();
        var assistantId = NotFound.id("assistant", id, AssistantId::parse);
        return assistants.findById(tenant, assistantId).map(AssistantJson::view).orElseThrow(() -> NotFound.of("assistant", id));
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    HttpResponse<AssistantView> create(Authentication auth, @Body String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var assistant = AssistantJson.read(JsonBody.parse(json, raw), tenant, null, clock.instant());
        assistants.save(assistant);
        return HttpResponse.created(AssistantJson.view(assistant));
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    AssistantView replace(Authentication auth, String id, @Body String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var previous = assistants.findById(tenant, NotFound.id("assistant", id, AssistantId::parse))
                .orElseThrow(() -> NotFound.of("assistant", id));
        var assistant = AssistantJson.read(JsonBody.parse(json, raw), tenant, previous, clock.instant());
        assistants.save(assistant);
        return AssistantJson.view(assistant);
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(Authentication auth, String id) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        if (!assistants.delete(tenant, NotFound.id("assistant", id, AssistantId::parse))) throw NotFound.of("assistant", id);
        return HttpResponse.noContent();
    }
}
