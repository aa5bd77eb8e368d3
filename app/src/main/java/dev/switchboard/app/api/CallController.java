package dev.switchboard.app.api;

import static dev.switchboard.app.api.QueryValues.parse;

import dev.switchboard.app.api.problem.FieldError;
import dev.switchboard.app.api.problem.InvalidInput;
import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallQuery;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.diagnosis.VerdictCode;
import dev.switchboard.domain.outbound.DialQueue;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** Calls of every runtime: list with filters, one call with transcript and timeline, statistics. */
@Controller("/api/v1/calls")
@Tag(name = "Calls")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CallController {
    /** How long showing a call waits for this instance's queued records of live calls. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);
    private final CallRepository calls;
    private final CallRecorder recorder;
    private final TenantRepository tenants;
    private final Clock clock;
    private final DialQueue dials;

    CallController(CallRepository calls, CallRecorder recorder, TenantRepository tenants, Clock clock, DialQueue dials) {
        this.dials = dials;
        this.calls = calls;
        this.recorder = recorder;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Filters: status, direction, phoneNumberId, from/to (ISO-8601 instants), reference (of calls we placed), providerCallId
     * (Twilio's CallSid, Vapi's call id), verdict (of the call's diagnosis, e.g. socket_never_connected); paging: offset,
     * limit (default 50). Each call carries the verdict of its diagnosis once it has one.
     */
    @Get
    @Operation(operationId = "listCalls", summary = "The tenant's calls, newest first, with filters and paging")
    @ProblemAnswers.Invalid
    CallViews.CallPage list(Authentication auth, @Nullable @QueryValue String status, @Nullable @QueryValue String direction,
                            @Nullable @QueryValue String phoneNumberId, @Nullable @QueryValue String from,
                            @Nullable @QueryValue String to, @Nullable @QueryValue String offset, @Nullable @QueryValue String limit,
                            @Nullable @QueryValue String reference, @Nullable @QueryValue String providerCallId,
                            @Nullable @QueryValue String verdict) {
        var tenant = Caller.of(auth).tenantId();
        var errors = new ArrayList<FieldError>();
        var query = new CallQuery(
                parse(errors, "status", status, s -> CallStatus.parse(s).orElseThrow(() -> new IllegalArgumentException("unknown status"))),
                parse(errors, "direction", direction, s -> CallDirection.parse(s).orElseThrow(() -> new IllegalArgumentException("must be inbound or outbound"))),
                parse(errors, "phoneNumberId", phoneNumberId, PhoneNumberId::parse),
                parse(errors, "from", from, QueryValues::instant),
                parse(errors, "to", to, QueryValues::instant),
                parse(errors, "reference", reference, OutboundCallController::reference),
                parse(errors, "providerCallId", providerCallId, CallController::providerCallId),
                parse(errors, "verdict", verdict, v -> VerdictCode.parse(v).map(VerdictCode::wireName).orElseThrow(
                        () -> new IllegalArgumentException("unknown verdict; known: " + java.util.Arrays.stream(VerdictCode.values())
                                .map(VerdictCode::wireName).toList()))));
        var page = QueryValues.page(errors, offset, limit);
        if (!errors.isEmpty()) throw new InvalidInput(errors);
        var result = calls.list(tenant, query, page);
        var verdicts = calls.verdicts(tenant, result.items().stream().map(c -> c.id()).toList());
        return new CallViews.CallPage(result.items().stream().map(c -> CallViews.call(c, verdicts.get(c.id()))).toList(),
                result.total(), result.offset(), result.limit());
    }

    /** Counts and durations over [from, to) (default: the last 30 days), days in the tenant's timezone. */
    @Get("/stats")
    @Operation(operationId = "getCallStats", summary = "Call counts and durations over a period, per status, direction and day")
    @ProblemAnswers.Invalid
    CallViews.StatsView stats(Authentication auth, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        var tenantId = Caller.of(auth).tenantId();
        var errors = new ArrayList<FieldError>();
        var end = parse(errors, "to", to, QueryValues::instant);
        var start = parse(errors, "from", from, QueryValues::instant);
        if (!errors.isEmpty()) throw new InvalidInput(errors);
        var until = end == null ? clock.instant() : end;
        var since = start == null ? until.minus(Duration.ofDays(30)) : start;
        if (!since.isBefore(until)) throw new InvalidInput("from", "must be before to");
        var zone = tenants.findById(tenantId).map(t -> t.timezone()).orElse(ZoneOffset.UTC);
        return CallViews.stats(calls.stats(tenantId, since, until, zone), since, until, zone.getId());
    }

    /** The call, its transcript and its timeline (every stage recorded: webhook, socket, model, tools, status callbacks). */
    @Get("/{id}")
    @Operation(operationId = "getCall", summary = "One call with its transcript and timeline")
    @ProblemAnswers.NotFound
    CallViews.CallDetail get(Authentication auth, String id) {
        var tenant = Caller.of(auth).tenantId();
        var callId = NotFound.id("call", id, CallId::parse);
        var call = calls.findById(tenant, callId).orElseThrow(() -> NotFound.of("call", id));
        // What this instance has queued of the call is shown too (a live call's last turn, ADR 007).
        recorder.flush(FLUSH_WAIT);
        List<CallViews.MessageView> transcript = calls.messages(tenant, callId).stream().map(CallViews::message).toList();
        List<CallViews.EventView> timeline = calls.events(tenant, callId).stream().map(CallViews::event).toList();
        var verdict = calls.verdicts(tenant, List.of(callId)).get(callId);
        return new CallViews.CallDetail(CallViews.call(call, verdict), outbound(tenant, callId), transcript, timeline);
    }

    /** What the business asked for, for a call we placed; null for others. */
    CallViews.OutboundView outbound(dev.switchboard.domain.shared.TenantId tenant, CallId callId) {
        return dials.order(tenant, callId).map(order -> CallViews.outbound(order, dials.status(tenant, callId).orElse(null))).orElse(null);
    }

    private static String providerCallId(String text) {
        if (text.length() > 64) throw new IllegalArgumentException("must be at most 64 characters");
        return text;
    }
}
