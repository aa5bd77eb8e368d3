package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.security.Caller;
import dev.switchboard.app.security.JwksProperties;
import dev.switchboard.domain.tenant.ExternalIdentity;
import dev.switchboard.domain.tenant.ExternalIdentityRepository;
import dev.switchboard.domain.tenant.Role;
import dev.switchboard.domain.tenant.UserId;
import dev.switchboard.domain.tenant.UserRepository;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * Which subjects of the external identity provider ({@code SWITCHBOARD_JWKS_URL}) sign in as which
 * users of the caller's tenant. Only the owner links or unlinks: a linked subject acts with its
 * user's role, so an admin could otherwise lend itself the owner's.
 */
@Controller("/api/v1/external-identities")
@Tag(name = "External identities")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ProblemAnswers.Forbidden
@ExecuteOn(TaskExecutors.BLOCKING)
final class ExternalIdentityController {
    private final ExternalIdentityRepository links;
    private final UserRepository users;
    private final JwksProperties provider;
    private final JsonMapper json;
    private final Clock clock;

    ExternalIdentityController(ExternalIdentityRepository links, UserRepository users, JwksProperties provider, JsonMapper json,
                               Clock clock) {
        this.links = links;
        this.users = users;
        this.provider = provider;
        this.json = json;
        this.clock = clock;
    }

    /** The body of {@code POST /external-identities}, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "LinkRequest")
    record LinkRequest(@Schema(requiredMode = RequiredMode.REQUIRED, description = "the identity provider's sub", example = "auth0|5f7c8ec7c33c6c004bbafe82")
                       String subject,
                       @Schema(description = "the user it signs in as; default the caller") String userId) {}

    @Serdeable
    @Schema(name = "ExternalIdentity", requiredProperties = {"issuer", "subject", "userId", "linkedAt"})
    record LinkView(@Schema(example = "https://login.example.com/") String issuer, @Schema(example = "auth0|42") String subject,
                    @Schema(example = "5d0c2a4e-8f61-4b3a-b2c7-1e9d8f7a6b54") String userId, @Schema(example = "2026-03-02T09:00:00Z") Instant linkedAt) {
        static LinkView of(ExternalIdentity x) {
            return new LinkView(x.issuer(), x.subject(), x.userId().toString(), x.linkedAt());
        }
    }

    @Get
    @Operation(operationId = "listExternalIdentities", summary = "Which identity-provider subjects sign in as which users")
    List<LinkView> list(Authentication auth) {
        return links.list(Caller.of(auth).tenantId()).stream().map(LinkView::of).toList();
    }

    /** Body: {subject, userId?}: the provider's {@code sub}, and the user it signs in as (default: the caller). */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "linkExternalIdentity", summary = "Let an identity-provider subject sign in as a user (owner only)")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Conflict
    LinkView link(Authentication auth, @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LinkRequest.class))) String raw) {
        var caller = owner(auth);
        var body = JsonBody.parse(json, raw);
        var subject = body.text("subject", true, ExternalIdentity.MAX_SUBJECT);
        var userId = body.convert("userId", body.text("userId", false, 64), UserId::parse);
        body.validate();
        if (!provider.configured())
            throw new HttpStatusException(HttpStatus.CONFLICT, "no external identity provider is configured (SWITCHBOARD_JWKS_URL)");
        var user = userId != null ? userId : NotFound.id("user", caller.subject(), UserId::parse);
        if (users.listByTenant(caller.tenantId()).stream().noneMatch(u -> u.id().equals(user))) {
            body.reject("userId", "no user " + user + " in this tenant");
            body.validate();
        }
        var link = new ExternalIdentity(provider.issuer(), subject, caller.tenantId(), user, clock.instant());
        try {
            links.link(link);
        } catch (ExternalIdentityRepository.SubjectAlreadyLinked e) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "subject: " + subject + " is already linked to a user");
        }
        return LinkView.of(link);
    }

    @Delete("/{subject}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "unlinkExternalIdentity", summary = "Unlink an identity-provider subject (owner only)")
    @ProblemAnswers.NotFound
    void unlink(Authentication auth, String subject) {
        var caller = owner(auth);
        if (!provider.configured() || !links.unlink(caller.tenantId(), provider.issuer(), subject))
            throw NotFound.of("external identity", subject);
    }

    private static Caller owner(Authentication auth) {
        var caller = Caller.of(auth);
        if (caller.role() != Role.OWNER) throw new HttpStatusException(HttpStatus.FORBIDDEN, "only the owner links external identities");
        return caller;
    }
}
