package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.api.problem.FieldError;
import dev.switchboard.app.api.problem.InvalidInput;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.knowledge.KnowledgeDocument;
import dev.switchboard.domain.knowledge.KnowledgeDocumentId;
import dev.switchboard.domain.knowledge.KnowledgeRepository;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * What the agent knows: the tenant's knowledge documents ({title, content, language}) and the
 * same full-text search the {@code search_knowledge} tool runs.
 */
@Controller("/api/v1/knowledge")
@Tag(name = "Knowledge")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class KnowledgeController {
    private final KnowledgeRepository knowledge;
    private final JsonMapper json;
    private final Clock clock;

    KnowledgeController(KnowledgeRepository knowledge, JsonMapper json, Clock clock) {
        this.knowledge = knowledge;
        this.json = json;
        this.clock = clock;
    }

    /** The body of create and replace, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "KnowledgeDocumentRequest")
    record DocumentRequest(@Schema(requiredMode = RequiredMode.REQUIRED, example = "Prices") String title,
                           @Schema(requiredMode = RequiredMode.REQUIRED, example = "A women's haircut is 45 euros; a men's is 28.") String content,
                           @Schema(requiredMode = RequiredMode.REQUIRED, description = "BCP 47", example = "en") String language) {}

    @Serdeable
    @Schema(name = "KnowledgeDocument", requiredProperties = {"id", "title", "content", "language", "createdAt", "updatedAt"})
    record DocumentView(@Schema(example = "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e") String id, @Schema(example = "Prices") String title,
                        @Schema(example = "A haircut is 45 euros.") String content, @Schema(example = "en") String language,
                        @Schema(example = "2026-03-02T09:00:00Z") Instant createdAt, @Schema(example = "2026-03-02T09:00:00Z") Instant updatedAt) {
        static DocumentView of(KnowledgeDocument d) {
            return new DocumentView(d.id().toString(), d.title(), d.content(), d.language(), d.createdAt(), d.updatedAt());
        }
    }

    @Serdeable
    @Schema(name = "KnowledgePassage", requiredProperties = {"documentId", "title", "passage", "rank"})
    record PassageView(@Schema(example = "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e") String documentId, @Schema(example = "Prices") String title,
                       @Schema(example = "A haircut is 45 euros.") String passage, @Schema(example = "0.0607927") double rank) {}

    @Get
    @Operation(operationId = "listKnowledgeDocuments", summary = "The tenant's knowledge documents")
    List<DocumentView> list(Authentication auth) {
        return knowledge.list(Caller.of(auth).tenantId()).stream().map(DocumentView::of).toList();
    }

    /** {@code q} in everyday words; {@code language} (BCP 47) keeps to documents in that language; {@code limit} 1..20, default 5. */
    @Get("/search")
    @Operation(operationId = "searchKnowledge", summary = "Full-text search, as the search_knowledge tool runs it")
    @ProblemAnswers.Invalid
    List<PassageView> search(Authentication auth, @Nullable @QueryValue String q, @Nullable @QueryValue String language,
                             @Nullable @QueryValue String limit) {
        var tenant = Caller.of(auth).tenantId();
        var errors = new ArrayList<FieldError>();
        if (q == null || q.isBlank()) errors.add(new FieldError("q", "is required"));
        else if (q.length() > 500) errors.add(new FieldError("q", "must be at most 500 characters"));
        if (language != null && !KnowledgeDocument.isLanguage(language))
            errors.add(new FieldError("language", "must be a BCP 47 language tag such as fr or en-US"));
        int max = 5;
        if (limit != null) {
            try {
                max = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > KnowledgeRepository.MAX_RESULTS)
                errors.add(new FieldError("limit", "must be within 1.." + KnowledgeRepository.MAX_RESULTS));
        }
        if (!errors.isEmpty()) throw new InvalidInput(errors);
        return knowledge.search(tenant, q, language, max).stream()
                .map(p -> new PassageView(p.documentId().toString(), p.title(), p.passage(), p.rank())).toList();
    }

    @Get("/{id}")
    @Operation(operationId = "getKnowledgeDocument", summary = "One knowledge document")
    @ProblemAnswers.NotFound
    DocumentView get(Authentication auth, String id) {
        var tenant = Caller.of(auth).tenantId();
        return knowledge.findById(tenant, NotFound.id("knowledge document", id, KnowledgeDocumentId::parse)).map(DocumentView::of)
                .orElseThrow(() -> NotFound.of("knowledge document", id));
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createKnowledgeDocument", summary = "Add a knowledge document")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    DocumentView create(Authentication auth,
                        @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DocumentRequest.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var document = read(JsonBody.parse(json, raw), tenant, null);
        knowledge.save(document);
        return DocumentView.of(document);
    }

    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceKnowledgeDocument", summary = "Replace a knowledge document whole")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    DocumentView replace(Authentication auth, String id,
                         @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DocumentRequest.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var previous = knowledge.findById(tenant, NotFound.id("knowledge document", id, KnowledgeDocumentId::parse))
                .orElseThrow(() -> NotFound.of("knowledge document", id));
        var document = read(JsonBody.parse(json, raw), tenant, previous);
        knowledge.save(document);
        return DocumentView.of(document);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteKnowledgeDocument", summary = "Delete a knowledge document")
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    void delete(Authentication auth, String id) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        if (!knowledge.delete(tenant, NotFound.id("knowledge document", id, KnowledgeDocumentId::parse)))
            throw NotFound.of("knowledge document", id);
    }

    /** Body: {title, content, language}, all required; {@code previous} keeps id and creation time. */
    private KnowledgeDocument read(JsonBody body, TenantId tenant, KnowledgeDocument previous) {
        var title = body.text("title", true, 200);
        var content = body.text("content", true);
        var language = body.text("language", true);
        if (title != null && title.strip().length() > KnowledgeDocument.MAX_TITLE)
            body.reject("title", "must be at most " + KnowledgeDocument.MAX_TITLE + " characters");
        if (content != null && content.strip().length() > KnowledgeDocument.MAX_CONTENT)
            body.reject("content", "must be at most " + KnowledgeDocument.MAX_CONTENT + " characters");
        if (language != null && !KnowledgeDocument.isLanguage(language))
            body.reject("language", "must be a BCP 47 language tag such as fr or en-US");
        body.validate();
        var now = clock.instant();
        if (previous != null) return previous.revised(title, content, language, now);
        return new KnowledgeDocument(KnowledgeDocumentId.random(), tenant, title, content, language, now, now);
    }
}
