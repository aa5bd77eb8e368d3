package dev.switchboard.app.api;

import static dev.switchboard.app.api.QueryValues.parse;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.api.problem.FieldError;
import dev.switchboard.app.api.problem.InvalidInput;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.sms.SendSms;
import dev.switchboard.domain.sms.Sms;
import dev.switchboard.domain.sms.SmsDirection;
import dev.switchboard.domain.sms.SmsId;
import dev.switchboard.domain.sms.SmsQuery;
import dev.switchboard.domain.sms.SmsRepository;
import dev.switchboard.domain.sms.SmsStatus;
import dev.switchboard.domain.telephony.OutgoingSms;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.serde.annotation.Serdeable;
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
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * Text messages on the tenant's numbers: send one, list them with filters, read one. Sending
 * answers 202 with the message as Twilio left it — {@code queued}, or {@code failed} with
 * Twilio's {@code errorCode} and {@code errorMessage} — within the Twilio client's short time
 * bound (docs/sms.md).
 */
@Controller("/api/v1/messages")
@Tag(name = "Messages")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class MessageController {
    private final SendSms sendSms;
    private final SmsRepository messages;
    private final JsonMapper json;

    MessageController(SendSms sendSms, SmsRepository messages, JsonMapper json) {
        this.sendSms = sendSms;
        this.messages = messages;
        this.json = json;
    }

    /** The body of {@code POST /messages}, for the OpenAPI document ({@link JsonBody} reads it). */
    @Schema(name = "SendMessageRequest")
    record SendRequest(@Schema(requiredMode = RequiredMode.REQUIRED, description = "E.164", example = "+33612345678") String to,
                       @Schema(requiredMode = RequiredMode.REQUIRED, description = "the tenant's number to send from") String phoneNumberId,
                       @Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = OutgoingSms.MAX_BODY,
                               example = "See you Saturday at 10:00 — Salon Lumière") String body) {}

    @Serdeable
    @Schema(name = "Message", requiredProperties = {"id", "direction", "from", "to", "body", "status", "createdAt"})
    record MessageView(@Schema(example = "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8") String id,
                       @Schema(type = "string", allowableValues = {"inbound", "outbound"}, example = "outbound") String direction,
                       @Schema(example = "+33187654321") String from, @Schema(example = "+33612345678") String to,
                       @Schema(example = "See you Tuesday!") String body, @Schema(example = "delivered") String status,
                       @Schema(example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") String phoneNumberId,
                       @Schema(example = "SM0123456789abcdef0123456789abcdef") String twilioSid, @Schema(example = "30008") Integer errorCode,
                       @Schema(example = "Unknown error") String errorMessage, String callId,
                       @Schema(example = "2026-03-02T09:00:00Z") Instant createdAt, @Schema(example = "2026-03-02T09:00:03Z") Instant updatedAt) {
        static MessageView of(Sms m) {
            return new MessageView(m.id().toString(), m.direction().wireName(), m.from(), m.to(), m.body(), m.status().wireName(),
                    m.phoneNumberId() == null ? null : m.phoneNumberId().toString(), m.providerMessageId(), m.errorCode(),
                    m.errorMessage(), m.callId() == null ? null : m.callId().toString(), m.createdAt(), m.updatedAt());
        }
    }

    @Serdeable
    @Schema(name = "MessagePage", requiredProperties = {"items", "total", "offset", "limit"})
    record MessagePage(List<MessageView> items, long total, int offset, int limit) {}

    /**
     * Bad input → 400 naming the field; unknown number → 404; a recipient who replied STOP, or no
     * Twilio account at all → 422. Nothing is sent in those cases.
     */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Operation(operationId = "sendMessage", summary = "Send a text message from one of the tenant's numbers")
    @ProblemAnswers.Invalid
    @ProblemAnswers.NotFound
    @ProblemAnswers.Unprocessable
    MessageView send(Authentication auth, @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SendRequest.class))) String raw) {
        var tenant = Caller.of(auth).tenantId();
        var body = JsonBody.parse(json, raw);
        var to = body.convert("to", body.text("to", true, 40), MessageController::e164);
        var numberText = body.text("phoneNumberId", true, 64);
        var text = body.text("body", true, OutgoingSms.MAX_BODY);
        var numberId = body.convert("phoneNumberId", numberText, PhoneNumberId::parse);
        body.validate();
        var result = sendSms.send(new SendSms.Command(tenant, numberId, to, text, null));
        if (result instanceof SendSms.Result.Sent sent) return MessageView.of(sent.sms());
        if (result instanceof SendSms.Result.UnknownNumber) throw NotFound.of("phone number", numberText);
        if (result instanceof SendSms.Result.OptedOut optedOut)
            throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "to: the recipient " + optedOut.to()
                    + " opted out of this tenant's texts (replied STOP); nothing is sent to them until they reply START");
        throw new HttpStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "no Twilio credentials are set (development token): texts cannot be "
                + "sent; connect Twilio with PUT /api/v1/connections/twilio");
    }

    /** Filters: direction, status, number (either end, E.164), from/to (ISO-8601 instants); paging: offset, limit (default 50). */
    @Get
    @Operation(operationId = "listMessages", summary = "The tenant's text messages, newest first, with filters and paging")
    @ProblemAnswers.Invalid
    MessagePage list(Authentication auth, @Nullable @QueryValue String direction, @Nullable @QueryValue String status,
                     @Nullable @QueryValue String number, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                     @Nullable @QueryValue String offset, @Nullable @QueryValue String limit) {
        var tenant = Caller.of(auth).tenantId();
        var errors = new ArrayList<FieldError>();
        var query = new SmsQuery(
                parse(errors, "direction", direction, s -> SmsDirection.parse(s).orElseThrow(() -> new IllegalArgumentException("must be inbound or outbound"))),
                parse(errors, "status", status, s -> SmsStatus.parse(s).orElseThrow(() -> new IllegalArgumentException("unknown status"))),
                // An unencoded "+" in a query string arrives as a space, which strip() removed: put it back.
                parse(errors, "number", number, s -> e164(s.matches("\\d+") ? "+" + s : s).value()),
                parse(errors, "from", from, QueryValues::instant),
                parse(errors, "to", to, QueryValues::instant));
        var paging = QueryValues.page(errors, offset, limit);
        if (!errors.isEmpty()) throw new InvalidInput(errors);
        var page = messages.list(tenant, query, paging);
        return new MessagePage(page.items().stream().map(MessageView::of).toList(), page.total(), page.offset(), page.limit());
    }

    @Get("/{id}")
    @Operation(operationId = "getMessage", summary = "One text message")
    @ProblemAnswers.NotFound
    MessageView get(Authentication auth, String id) {
        var tenant = Caller.of(auth).tenantId();
        return messages.findById(tenant, NotFound.id("message", id, SmsId::parse)).map(MessageView::of)
                .orElseThrow(() -> NotFound.of("message", id));
    }

    private static E164Number e164(String text) {
        if (!text.startsWith("+")) throw new IllegalArgumentException("must be an E.164 number starting with +, e.g. +14155550123");
        return new E164Number(text);
    }
}
