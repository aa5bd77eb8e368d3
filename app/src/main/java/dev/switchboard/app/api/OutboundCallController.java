package dev.switchboard.app.api;

import dev.switchboard.app.api.json.JsonBody;
import dev.switchboard.app.api.problem.InvalidInput;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.RetryPolicy;
import dev.switchboard.domain.call.CallContext;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.outbound.CancelOutboundCall;
import dev.switchboard.domain.outbound.PlaceOutboundCall;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.E164Number;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * {@code POST /api/v1/calls}: the business asks us to call a customer; {@code POST …/{id}/cancel}
 * stops one nobody answered yet. The call is only queued here — the dialer places it — so the
 * answer never waits on Twilio (docs/outbound-calls.md).
 */
@Controller("/api/v1/calls")
@Tag(name = "Calls")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class OutboundCallController {
    static final int REFERENCE_LENGTH = 200;
    static final int KEY_LENGTH = 200;
    private final PlaceOutboundCall place;
    private final CancelOutboundCall cancel;
    private final CallRepository calls;
    private final CallController details;
    private final JsonMapper json;
    private final int contextMaxBytes;

    OutboundCallController(PlaceOutboundCall place, CancelOutboundCall cancel, CallRepository calls, CallController details, JsonMapper json,
                           @Value("${switchboard.outbound.context-max-bytes:16384}") int contextMaxBytes) {
        this.place = place;
        this.cancel = cancel;
        this.calls = calls;
        this.details = details;
        this.json = json;
        this.contextMaxBytes = contextMaxBytes;
    }

    /**
     * The body of {@code POST /api/v1/calls}, for the OpenAPI document ({@link JsonBody} reads it).
     * {@code retry} has no {@code @Schema} of its own (see {@link AssistantJson.Request}).
     */
    @Schema(name = "PlaceCallRequest", description = "A call to place. Left out, retry is the assistant's.")
    record PlaceCallRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "E.164", example = "+33612345678") String to,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "the tenant's number to call from") String phoneNumberId,
            @Schema(description = "default: the number's assistant") String assistantId,
            @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                    description = "any JSON object the agent is given (at most 16 KiB by default)",
                    example = "{\"customerName\": \"Ada\", \"appointment\": \"2026-03-14T10:00\"}") Map<String, Object> context,
            @Schema(maxLength = REFERENCE_LENGTH, description = "your own reference; the call list filters on it", example = "order-1042")
            String reference,
            @Schema(format = "date-time", description = "not before this instant; default now", example = "2026-03-14T09:00:00Z") String at,
            AssistantJson.RetryRequest retry) {}

    /**
     * Queues a call to a customer and answers 202 with it; the header {@code Idempotency-Key}
     * (optional) makes a repeat within 24 h answer the same call again.
     */
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Operation(operationId = "placeCall", summary = "Place an outbound call: queued now, dialed by the dialer")
    @ProblemAnswers.Invalid
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    CallViews.CallDetail placeCall(Authentication auth,
            @Body @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PlaceCallRequest.class))) String raw,
            @Nullable @Header("Idempotency-Key") String key) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var body = JsonBody.parse(json, raw);
        var to = body.convert("to", body.text("to", true, 32), text -> {
            if (!text.startsWith("+")) throw new IllegalArgumentException("must be an E.164 number starting with +, e.g. +14155550123");
            return new E164Number(text);
        });
        var numberId = body.convert("phoneNumberId", body.text("phoneNumberId", true, 64), PhoneNumberId::parse);
        var assistantId = body.convert("assistantId", body.text("assistantId", false, 64), AssistantId::parse);
        var reference = body.text("reference", false, REFERENCE_LENGTH);
        var at = body.convert("at", body.text("at", false, 64), QueryValues::instant);
        var context = context(body, raw);
        RetryPolicy retry = null;
        var retryBody = body.object("retry", false);
        if (retryBody != null) {
            var attempts = retryBody.integer("attempts", true);
            var spacing = retryBody.integer("spacingMinutes", false);
            if (attempts != null) retry = retryBody.convert("attempts", attempts,
                    a -> new RetryPolicy(a, Duration.ofMinutes(spacing == null ? 10 : spacing)));
        }
        if (key != null && (key.isBlank() || key.length() > KEY_LENGTH)) body.reject("Idempotency-Key", "must be 1.." + KEY_LENGTH + " characters");
        body.validate();
        var result = place.place(new PlaceOutboundCall.Command(tenant, to, numberId, assistantId, context, reference, at, retry,
                key == null ? null : key.strip()));
        if (result instanceof PlaceOutboundCall.Result.Queued queued) {
            var call = queued.call();
            return new CallViews.CallDetail(CallViews.call(call), details.outbound(tenant, call.id()), List.of(),
                    calls.events(tenant, call.id()).stream().map(CallViews::event).toList());
        }
        if (result instanceof PlaceOutboundCall.Result.UnknownNumber) throw NotFound.of("phone number", numberId.toString());
        if (result instanceof PlaceOutboundCall.Result.UnknownAssistant) throw NotFound.of("assistant", String.valueOf(assistantId));
        if (result instanceof PlaceOutboundCall.Result.NoAssistant)
            throw new InvalidInput("assistantId", "is required: the phone number has no assistant");
        if (result instanceof PlaceOutboundCall.Result.NotReady notReady) throw new InvalidInput(notReady.field(), notReady.reason());
        throw new InvalidInput("assistantId", "this server cannot place calls for " + ((PlaceOutboundCall.Result.UnsupportedRuntime) result)
                .runtime().name().toLowerCase(java.util.Locale.ROOT) + " assistants");
    }

    /** 200 when the call was still waiting and is canceled; 202 while Twilio is told to cancel it; 409 when it is too late. */
    @Post("/{id}/cancel")
    @Operation(operationId = "cancelCall", summary = "Cancel an outbound call nobody answered yet")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Canceled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallViews.CallView.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "Being canceled at Twilio",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallViews.CallView.class)))
    @ProblemAnswers.Forbidden
    @ProblemAnswers.NotFound
    @ProblemAnswers.Conflict
    HttpResponse<CallViews.CallView> cancelCall(Authentication auth, String id) {
        var tenant = Caller.of(auth).requireConfigure().tenantId();
        var callId = NotFound.id("call", id, CallId::parse);
        var result = cancel.cancel(tenant, callId);
        if (result instanceof CancelOutboundCall.Result.Canceled canceled) return HttpResponse.ok(CallViews.call(canceled.call()));
        if (result instanceof CancelOutboundCall.Result.Canceling canceling)
            return HttpResponse.<CallViews.CallView>status(HttpStatus.ACCEPTED).body(CallViews.call(canceling.call()));
        if (result instanceof CancelOutboundCall.Result.TooLate tooLate) throw new HttpStatusException(HttpStatus.CONFLICT, tooLate.why());
        if (result instanceof CancelOutboundCall.Result.BeingDialed)
            throw new HttpStatusException(HttpStatus.CONFLICT, "the call is being dialed right now; ask again in a moment");
        throw NotFound.of("call", id);
    }

    /** The {@code context} field: any JSON object, at most {@code contextMaxBytes} as JSON. */
    private CallContext context(JsonBody body, String raw) {
        if (!body.mentions("context")) return CallContext.EMPTY;
        Map<String, Object> whole;
        try {
            whole = json.readValue(raw.getBytes(StandardCharsets.UTF_8), Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return CallContext.EMPTY; // JsonBody.parse already refused malformed JSON
        }
        var value = whole.get("context");
        if (value == null) return CallContext.EMPTY;
        if (!(value instanceof Map<?, ?> map)) {
            body.reject("context", "must be a JSON object");
            return CallContext.EMPTY;
        }
        @SuppressWarnings("unchecked")
        var context = new CallContext((Map<String, Object>) map);
        if (CallContext.json(context.values()).getBytes(StandardCharsets.UTF_8).length > contextMaxBytes)
            body.reject("context", "must be at most " + contextMaxBytes + " bytes of JSON");
        return context;
    }

    static String reference(String text) {
        if (text.length() > REFERENCE_LENGTH) throw new IllegalArgumentException("must be at most " + REFERENCE_LENGTH + " characters");
        return text;
    }
}
