package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.api.problem.InvalidInput;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.phone.CheckPhoneNumber;
import dev.switchboard.domain.phone.ConfigurePhoneNumber;
import dev.switchboard.domain.phone.ImportPhoneNumber;
import dev.switchboard.domain.phone.TwilioNumberStatus;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
 * A tenant's phone numbers and the assistant answering each. The assistant must be one of the
 * tenant's own; a number already registered anywhere on the platform is refused (409).
 */
@Controller("/api/v1/phone-numbers")
@Tag(name = "Phone numbers")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PhoneNumberController {
    private final PhoneNumberRepository numbers;
    private final AssistantRepository assistants;
    private final JsonMapper json;
    private final Clock clock;
    private final ImportPhoneNumber importNumber;
    private final CheckPhoneNumber checkNumber;
    private final ConfigurePhoneNumber configureNumber;

    PhoneNumberController(PhoneNumberRepository numbers, AssistantRepository assistants, JsonMapper json, Clock clock,
                          ImportPhoneNumber importNumber, CheckPhoneNumber checkNumber, ConfigurePhoneNumber configureNumber) {
        this.numbers = numbers;
        this.assistants = assistants;
        this.json = json;
        this.clock = clock;
        this.importNumber = importNumber;
        this.checkNumber = checkNumber;
        this.configureNumber = configureNumber;
    }

    /**
     * A number as shown back. {@code proven}: a Twilio account of the tenant was shown to hold it;
     * {@code twilio}: a live read at Twilio (only on the single-number reads, import and configure).
     */
    /** The body of {@code POST /phone-numbers/import}, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "ImportPhoneNumberRequest", description = "The number (E.164) or its twilioSid, not both.")
    record ImportRequest(@Schema(description = "E.164", example = "+14155550123") String number,
                         @Schema(description = "Twilio's PN… id of the number") String twilioSid,
                         @Schema(description = "the assistant answering it") String assistantId,
                         @Schema(maxLength = 200, example = "Front desk") String label) {}

    /** The body of {@code POST /phone-numbers}, for the OpenAPI document. */
    @Schema(name = "PhoneNumberRequest")
    record CreateRequest(@Schema(requiredMode = RequiredMode.REQUIRED, description = "E.164", example = "+14155550123") String number,
                         @Schema(maxLength = 200, example = "Front desk") String label,
                         @Schema(description = "the assistant answering it") String assistantId,
                         @Schema(description = "Twilio's PN… id of the number") String twilioSid) {}

    /** The body of {@code PUT /phone-numbers/{id}}, for the OpenAPI document. */
    @Schema(name = "PhoneNumberUpdate", description = "A field left out keeps its value; the number itself never changes.")
    record UpdateRequest(@Schema(maxLength = 200, example = "Front desk") String label,
                         @Schema(nullable = true, description = "null detaches the assistant") String assistantId,
                         @Schema(description = "accepted only when unchanged") String number) {}

    @Serdeable
    @Schema(name = "PhoneNumber", requiredProperties = {"id", "number", "createdAt", "proven"})
    record PhoneNumberView(@Schema(example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") String id,
                           @Schema(example = "+33187654321") String number, @Schema(example = "Front desk") String label,
                           @Schema(example = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c") String assistantId,
                           @Schema(example = "PN0123456789abcdef0123456789abcdef") String twilioSid, String vapiPhoneNumberId,
                           @Schema(example = "2026-03-02T09:00:00Z") Instant createdAt,
                           @Schema(description = "imported from the tenant's Twilio account, so its webhooks are trusted") boolean proven,
                           @Schema(example = "AC0123456789abcdef0123456789abcdef") String twilioAccountSid, TwilioView twilio) {
        static PhoneNumberView of(PhoneNumber n) {
            return of(n, null);
        }

        static PhoneNumberView of(PhoneNumber n, TwilioView twilio) {
            return new PhoneNumberView(n.id().toString(), n.number().value(), n.label(),
                    n.assistantId() == null ? null : n.assistantId().toString(), n.twilioSid(), n.vapiPhoneNumberId(), n.createdAt(),
                    n.proven(), n.proven() ? n.proof().accountSid() : null, twilio);
        }
    }

    /** Whether the number's webhooks at Twilio point at us; {@code configured} null when it could not be read. */
    @Serdeable
    @Schema(name = "TwilioNumberConfiguration")
    record TwilioView(Boolean configured, List<String> mismatches, String note) {
        static TwilioView of(TwilioNumberStatus status) {
            return new TwilioView(status.configured(), status.mismatches(), status.note());
        }
    }

    @Get
    @Operation(operationId = "listPhoneNumbers", summary = "The tenant's phone numbers")
    List<PhoneNumberView> list(Authentication auth) {
        return numbers.list(Caller.of(auth).tenantId()).stream().map(PhoneNumberView::of).toList();
    }

    /** With a live read of the number's webhooks at Twilio ({@code twilio.configured}, {@code twilio.mismatches}). */
    @Get("/{id}")
    @Operation(operationId = "getPhoneNumber", summary = "One phone number, and whether Twilio points it at us")
    @ProblemAnswers.NotFound
    PhoneNumberView get(Authentication auth, String id) {
        var number = find(Caller.of(auth).tenantId(), id);
        return PhoneNumberView.of(number, TwilioView.of(checkNumber.check(number)));
    }

    /**
     * Body: {number (E.164) | twilioSid (PN…), assistantId?, label?}. The number must be in one of
     * the tenant's Twilio accounts (its connection's, else the platform's); its VoiceUrl,
     * StatusCallback and SmsUrl are then pointed at us and read back. Refused (nothing stored):
     * not in any account → 400 naming the field; no Twilio credentials → 422; another tenant's → 409.
     */
    @Post(uri = "/import", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "importPhoneNumber", summary = "Import a number of the tenant's Twilio account and point its webhooks at us")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.Conflict
    @ProblemAnswers.Unprocessable
    @ProblemAnswers.Upstream
    PhoneNumberView importNumber(Authentication auth,
                                 @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ImportRequest.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var body = JsonBody.parse(json, raw);
        var number = body.has("number") ? body.convert("number", body.text("number", true), E164Number::new) : null;
        var twilioSid = body.text("twilioSid", false, 64);
        if (!body.has("number") && twilioSid == null) body.reject("number", "give the number (E.164) or its twilioSid (PN…)");
        if (body.has("number") && twilioSid != null) body.reject("twilioSid", "give the number or its twilioSid, not both");
        var label = body.text("label", false, 200);
        var assistant = assistant(body, tenant);
        body.validate();
        var result = importNumber.handle(new ImportPhoneNumber.Command(tenant, number, number == null ? twilioSid : null, label, assistant));
        if (result instanceof ImportPhoneNumber.Result.Imported imported) {
            var mismatches = imported.mismatches();
            return PhoneNumberView.of(imported.number(), new TwilioView(mismatches.isEmpty(), mismatches, null));
        }
        if (result instanceof ImportPhoneNumber.Result.NotInAccount missing)
            throw new InvalidInput(number != null ? "number" : "twilioSid", "no Twilio account of this tenant (nor the platform's) holds " + missing.what());
        if (result instanceof ImportPhoneNumber.Result.TakenByAnotherTenant taken)
            throw new HttpStatusException(HttpStatus.CONFLICT, "number: " + taken.number() + " is already registered");
        if (result instanceof ImportPhoneNumber.Result.ConfigurationRefused refused)
            throw new PortFailure(PortFailure.Category.BAD_REQUEST, "Twilio refused to configure the number: " + refused.refusal());
        throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "no Twilio credentials are set (development token): nothing can be "
                + "imported or proven; connect Twilio with PUT /api/v1/connections/twilio, or add the number unproven with POST /api/v1/phone-numbers");
    }

    /** Points an imported number's webhooks at us again and reads them back. */
    @Post("/{id}/configure")
    @Operation(operationId = "configurePhoneNumber", summary = "Point an imported number's webhooks at us again, and read them back")
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    @ProblemAnswers.Conflict
    @ProblemAnswers.Unprocessable
    @ProblemAnswers.Upstream
    PhoneNumberView configure(Authentication auth, String id) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var number = find(tenant, id);
        var result = configureNumber.configure(number);
        if (result instanceof ConfigurePhoneNumber.Result.Configured configured)
            return PhoneNumberView.of(number, TwilioView.of(configured.status()));
        if (result instanceof ConfigurePhoneNumber.Result.Refused refused)
            throw new PortFailure(PortFailure.Category.BAD_REQUEST, "Twilio refused to configure the number: " + refused.refusal());
        throw new HttpStatusException(HttpStatus.CONFLICT, "only an imported number can be configured: import it with POST /api/v1/phone-numbers/import");
    }

    /** Adds a number without asking Twilio (unproven: calls to it are refused where real Twilio credentials are set). */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createPhoneNumber", summary = "Add a number without asking Twilio (unproven)")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.Conflict
    PhoneNumberView create(Authentication auth,
                           @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateRequest.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var body = JsonBody.parse(json, raw);
        var number = body.convert("number", body.text("number", true), E164Number::new);
        var label = body.text("label", false, 200);
        var assistant = assistant(body, tenant);
        var twilioSid = body.text("twilioSid", false, 64);
        body.validate();
        var created = new PhoneNumber(PhoneNumberId.random(), tenant, number, label, assistant, twilioSid, null, clock.instant());
        save(created);
        return PhoneNumberView.of(created);
    }

    /**
     * A field left out keeps its value, {@code "assistantId": null} detaches the assistant. The
     * number itself never changes (delete and add instead).
     */
    @Put(uri = "/{id}", consumes = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePhoneNumber", summary = "Change a number's label or assistant")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    PhoneNumberView update(Authentication auth, String id,
                           @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdateRequest.class))) String raw) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var existing = find(tenant, id);
        var body = JsonBody.parse(json, raw);
        if (body.has("number") && !existing.number().value().equals(body.text("number", false)))
            body.reject("number", "cannot be changed; delete this number and add the new one");
        var label = body.has("label") ? body.text("label", false, 200) : existing.label();
        var assistant = body.mentions("assistantId") ? assistant(body, tenant) : existing.assistantId();
        body.validate();
        var updated = new PhoneNumber(existing.id(), tenant, existing.number(), label, assistant,
                existing.twilioSid(), existing.vapiPhoneNumberId(), existing.createdAt(), existing.proof());
        save(updated);
        return PhoneNumberView.of(updated);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deletePhoneNumber", summary = "Remove a phone number")
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    void delete(Authentication auth, String id) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        if (!numbers.delete(tenant, NotFound.id("phone number", id, PhoneNumberId::parse))) throw NotFound.of("phone number", id);
    }

    private PhoneNumber find(TenantId tenant, String id) {
        return numbers.findById(tenant, NotFound.id("phone number", id, PhoneNumberId::parse))
                .orElseThrow(() -> NotFound.of("phone number", id));
    }

    /** The assistant must exist in this tenant; another tenant's id reads as unknown. */
    private AssistantId assistant(JsonBody body, TenantId tenant) {
        var raw = body.text("assistantId", false);
        if (raw == null) return null;
        var id = body.convert("assistantId", raw, AssistantId::parse);
        if (id != null && assistants.findById(tenant, id).isEmpty()) {
            body.reject("assistantId", "no assistant " + raw + " in this tenant");
            return null;
        }
        return id;
    }

    private void save(PhoneNumber number) {
        try {
            numbers.save(number);
        } catch (PhoneNumberRepository.NumberAlreadyTaken e) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "number: " + number.number() + " is already registered");
        }
    }
}
