package dev.switchboard.domain.outbound;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.StatusChange;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.telephony.OutboundCall;
import dev.switchboard.domain.telephony.Refusal;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyCall;
import dev.switchboard.domain.telephony.TelephonyResult;
import dev.switchboard.domain.tenant.TenantRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dialer: one {@link #run()} claims the queued calls that are due ({@link DialQueue}, a lease
 * per call, so instances and threads never dial one call twice), and places each through Twilio
 * ({@code Calls.json}) within its tenant's calling hours and limits. Meant to run on a schedule on
 * every instance, never on an API request's thread.
 *
 * <p>Twilio refusing (4xx, e.g. 21211) fails the call with Twilio's code and message. Twilio not
 * answering (timeout, 5xx) is ambiguous — the call may exist — so the call is not dialed again
 * at once: it waits {@code confirmWindow} (doubling per try) for a webhook naming it (our URLs
 * carry the call's id), and only when none came is it dialed again, at most {@code maxTries} in
 * all, then failed. Busy and no-answer are tried again as new calls per the retry policy.
 *
 * <p>A call whose assistant runs on Vapi is placed through Vapi's call API instead
 * ({@link DialThroughVapi}), under the same queue, limits, calling hours and confirm window; Vapi's
 * messages naming the call (our id in its metadata) confirm it like Twilio's webhooks.
 */
public final class DialOutboundCalls {
    /**
     * @param publicUrl our address as Twilio reaches it, e.g. {@code https://sb.example.com}
     * @param lease how long a claim holds a call; longer than one Twilio request can take
     * @param confirmWindow how long an unanswered request waits for a webhook before the call is dialed again
     * @param maxTries requests to Twilio per call that may go unanswered before the call fails
     * @param defaults the limits of a tenant that set none
     */
    public record Settings(String publicUrl, Duration lease, int batch, Duration confirmWindow, int maxTries,
                           OutboundLimits defaults) {}

    /** What one run did. */
    public record Report(int claimed, int placed, int refused, int deferred, int unconfirmed, int failed, int retriesScheduled) {}

    private final DialQueue queue;
    private final Telephony telephony;
    private final CallRepository calls;
    private final TenantRepository tenants;
    private final AssistantRepository assistants;
    private final OutboundLimitsRepository limits;
    private final Clock clock;
    private final Settings settings;
    private final DialThroughVapi vapi;
    private final java.util.function.Consumer<Call> ended;

    /** A dialer for Twilio-carried assistants only: calls of {@code vapi} assistants fail. */
    public DialOutboundCalls(DialQueue queue, Telephony telephony, CallRepository calls, TenantRepository tenants,
                             AssistantRepository assistants, OutboundLimitsRepository limits, Clock clock, Settings settings) {
        this(queue, telephony, calls, tenants, assistants, limits, clock, settings, null);
    }

    /** @param vapi places the calls of assistants whose runtime is {@code vapi}; {@code null} when there is none */
    public DialOutboundCalls(DialQueue queue, Telephony telephony, CallRepository calls, TenantRepository tenants,
                             AssistantRepository assistants, OutboundLimitsRepository limits, Clock clock, Settings settings,
                             DialThroughVapi vapi) {
        this(queue, telephony, calls, tenants, assistants, limits, clock, settings, vapi, call -> { });
    }

    /**
     * @param ended told once a call this dialer failed is stored as failed (e.g. to diagnose it: no
     *     status callback ever ends a call Twilio refused); what it throws is dropped
     */
    public DialOutboundCalls(DialQueue queue, Telephony telephony, CallRepository calls, TenantRepository tenants,
                             AssistantRepository assistants, OutboundLimitsRepository limits, Clock clock, Settings settings,
                             DialThroughVapi vapi, java.util.function.Consumer<Call> ended) {
        this.ended = ended;
        this.vapi = vapi;
        this.queue = queue;
        this.telephony = telephony;
        this.calls = calls;
        this.tenants = tenants;
        this.assistants = assistants;
        this.limits = limits;
        this.clock = clock;
        this.settings = settings;
    }

    public Report run() {
        var counts = new int[7];
        counts[6] = scheduleRetries();
        for (var pending : queue.claimDue(clock.instant(), settings.lease(), settings.batch())) {
            counts[0]++;
            counts[dial(pending)]++;
        }
        return new Report(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
    }

    /** @return the index in the report's counts of what happened */
    private int dial(PendingDial pending) {
        var call = pending.call();
        var tenant = call.tenantId();
        var now = clock.instant();
        if (pending.cancelRequested() || call.status().isFinal()) {
            queue.done(tenant, call.id(), null, null);
            return 3;
        }
        if (pending.state() == DialState.DIALING) {
            // The previous holder stopped mid-request: Twilio may have the call. Wait for its webhooks first.
            queue.release(tenant, call.id(), DialState.UNCONFIRMED, now.plus(settings.confirmWindow()), true);
            event(call, "dial.unconfirmed", Map.of("reason", "the instance dialing it stopped before " + carrier(call) + " answered"));
            return 4;
        }
        if (pending.state() == DialState.UNCONFIRMED && pending.failedTries() >= settings.maxTries()) {
            fail(call, carrier(call) + " did not answer our request to place the call (" + pending.failedTries() + " tries)",
                    Map.of("tries", pending.failedTries()));
            return 5;
        }
        var zone = tenants.findById(tenant).map(t -> t.timezone()).orElse(ZoneOffset.UTC);
        var limit = limits.find(tenant).orElse(settings.defaults());
        if (!limit.callingHours().allows(now, zone)) {
            var opening = limit.callingHours().nextOpening(now, zone);
            queue.release(tenant, call.id(), DialState.WAITING, opening, false);
            event(call, "dial.deferred", Map.of("reason", "outside calling hours", "until", opening.toString()));
            return 3;
        }
        switch (queue.reserve(tenant, call.id(), limit, now)) {
            case AT_CONCURRENCY_LIMIT -> {
                queue.release(tenant, call.id(), DialState.WAITING, now.plusSeconds(2), false);
                return 3;
            }
            case AT_RATE_LIMIT -> {
                queue.release(tenant, call.id(), DialState.WAITING, now.plusSeconds(1), false);
                return 3;
            }
            case GONE -> {
                return 3;
            }
            case RESERVED -> {
                return place(pending, now);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private int place(PendingDial pending, Instant now) {
        var call = pending.call();
        var tenant = call.tenantId();
        if (call.runtime() == Runtime.VAPI) return placeThroughVapi(pending);
        var assistant = call.assistantId() == null ? null : assistants.findById(tenant, call.assistantId()).orElse(null);
        var request = OutboundCall.of(new E164Number(call.to()), new E164Number(call.from()),
                URI.create(settings.publicUrl() + "/webhooks/twilio/voice?call=" + call.id()),
                URI.create(settings.publicUrl() + "/webhooks/twilio/status?call=" + call.id()));
        if (assistant != null && assistant.outbound().machineDetection())
            // With a message to leave, wait for the greeting's end (the beep); else know as soon as possible.
            request = request.withMachineDetection(assistant.outbound().voicemailMessage() != null
                    ? OutboundCall.MachineDetection.DETECT_MESSAGE_END : OutboundCall.MachineDetection.ENABLE);
        TelephonyResult<TelephonyCall> result;
        try {
            result = telephony.placeCall(TelephonyAccount.of(tenant), request);
        } catch (PortFailure e) {
            return failedRequest(pending, e);
        }
        if (result instanceof TelephonyResult.Accepted<TelephonyCall> accepted) {
            var sid = accepted.value().sid();
            queue.placed(tenant, call.id(), sid);
            event(call, "dial.placed", Map.of("callSid", sid, "attempt", pending.order().attempt(),
                    "machineDetection", request.machineDetection() != OutboundCall.MachineDetection.OFF));
            return 1;
        }
        var refusal = ((TelephonyResult.Refused<TelephonyCall>) result).refusal();
        refused(call, refusal);
        return 2;
    }

    /** A {@code vapi} assistant's call goes through Vapi's call API; Vapi's webhooks then carry it on this record. */
    private int placeThroughVapi(PendingDial pending) {
        var call = pending.call();
        if (vapi == null) {
            fail(call, "this server cannot place calls through Vapi", Map.of("via", "vapi"));
            return 5;
        }
        DialThroughVapi.Outcome outcome;
        try {
            outcome = vapi.dial(call, pending.order());
        } catch (PortFailure e) {
            return switch (e.category()) {
                case TIMEOUT, UNAVAILABLE, RATE_LIMITED -> failedRequest(pending, e);
                default -> {
                    // Vapi refused (validation, unknown assistant or number, key rejected): nothing was placed.
                    queue.done(call.tenantId(), call.id(), null, e.getMessage());
                    event(call, "dial.refused", Map.of("via", "vapi", "category", e.category().name(), "message", String.valueOf(e.getMessage())));
                    moveToFailed(call, "Vapi refused the call: " + e.getMessage());
                    yield 2;
                }
            };
        }
        if (outcome instanceof DialThroughVapi.Outcome.Placed placed) {
            queue.placed(call.tenantId(), call.id(), placed.vapiCallId());
            var shown = new LinkedHashMap<String, Object>(placed.shown());
            shown.put("attempt", pending.order().attempt());
            event(call, "dial.placed", shown);
            return 1;
        }
        var notPossible = (DialThroughVapi.Outcome.NotPossible) outcome;
        fail(call, notPossible.field() + ": " + notPossible.reason(), Map.of("via", "vapi"));
        return 5;
    }

    private static String carrier(Call call) {
        return call.runtime() == Runtime.VAPI ? "Vapi" : "Twilio";
    }

    private int failedRequest(PendingDial pending, PortFailure e) {
        var call = pending.call();
        var now = clock.instant();
        var data = Map.<String, Object>of("category", e.category().name(), "message", String.valueOf(e.getMessage()));
        switch (e.category()) {
            case TIMEOUT, UNAVAILABLE -> {
                // Ambiguous: Twilio (or Vapi) may have created the call. Wait for a webhook naming it before dialing again.
                var wait = settings.confirmWindow().multipliedBy(1L << Math.min(pending.failedTries(), 6));
                queue.release(call.tenantId(), call.id(), DialState.UNCONFIRMED, now.plus(wait), true);
                var shown = new LinkedHashMap<String, Object>(data);
                shown.put("waitUntil", now.plus(wait).toString());
                event(call, "dial.unconfirmed", shown);
                return 4;
            }
            case RATE_LIMITED -> {
                // Twilio said it did not process the request: safe to repeat, after a pause.
                if (pending.failedTries() + 1 >= settings.maxTries()) {
                    fail(call, carrier(call) + " kept refusing for rate limits: " + e.getMessage(), data);
                    return 5;
                }
                queue.release(call.tenantId(), call.id(), DialState.WAITING, now.plus(settings.confirmWindow()), true);
                event(call, "dial.rate-limited", data);
                return 3;
            }
            default -> {
                fail(call, "the call could not be placed: " + e.getMessage(), data);
                return 5;
            }
        }
    }

    private void refused(Call call, Refusal refusal) {
        queue.done(call.tenantId(), call.id(), refusal.code(), refusal.message());
        var data = new LinkedHashMap<String, Object>();
        data.put("code", refusal.code());
        data.put("message", refusal.message());
        data.put("httpStatus", refusal.httpStatus());
        if (refusal.moreInfo() != null) data.put("moreInfo", refusal.moreInfo());
        event(call, "dial.refused", data);
        moveToFailed(call, "Twilio refused the call: " + refusal);
    }

    private void fail(Call call, String reason, Map<String, Object> data) {
        queue.done(call.tenantId(), call.id(), null, reason);
        var shown = new LinkedHashMap<String, Object>(data);
        shown.put("reason", reason);
        event(call, "dial.failed", shown);
        moveToFailed(call, reason);
    }

    private void moveToFailed(Call call, String reason) {
        for (int attempt = 0; attempt < 5; attempt++) {
            var current = calls.findById(call.tenantId(), call.id()).orElse(null);
            if (current == null) return;
            var change = current.advance(CallStatus.FAILED, clock.instant());
            if (change instanceof StatusChange.Ignored) return;
            var failed = change.call().withEnding(reason, null, null);
            if (calls.replaceIfStatus(failed, current.status())) {
                try {
                    ended.accept(failed);
                } catch (RuntimeException e) {
                    // The call is failed and stored; a diagnosis that could not be kept now is made again when it is read.
                }
                return;
            }
        }
    }

    /** Ended busy / no-answer calls with tries left get their next try, once each. */
    private int scheduleRetries() {
        int scheduled = 0;
        for (var due : queue.dueForRetry(settings.batch())) {
            var previous = due.call();
            var now = clock.instant();
            var ended = previous.endedAt() != null ? previous.endedAt() : now;
            var at = ended.plus(due.order().retry().spacing());
            var next = Call.started(previous.tenantId(), CallDirection.OUTBOUND, previous.from(), previous.to(), previous.runtime(),
                    previous.assistantId(), previous.phoneNumberId(), null, CallStatus.QUEUED, now);
            var order = due.order().next(next.id(), at);
            if (!queue.followUp(previous, next, order)) continue;
            scheduled++;
            event(previous, "retry.scheduled", Map.of("nextCallId", next.id().toString(), "attempt", order.attempt(),
                    "notBefore", at.toString(), "after", previous.status().wireName()));
            event(next, "dial.queued", Map.of("retryOf", previous.id().toString(), "attempt", order.attempt(),
                    "notBefore", at.toString(), "to", next.to(), "from", next.from()));
        }
        return scheduled;
    }

    private void event(Call call, String type, Map<String, Object> data) {
        calls.appendEvent(CallEvent.of(call, clock.instant(), type, data));
    }
}
