package dev.switchboard.domain.outbound;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.RetryPolicy;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallContext;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * The business asks us to call a customer: checks the number and the assistant are the tenant's,
 * and queues the call ({@link DialQueue}). Nothing is sent to Twilio here — the dialer does that
 * ({@link DialOutboundCalls}), so the request never waits on Twilio (or Vapi, for an assistant whose
 * runtime is {@code vapi}).
 */
public final class PlaceOutboundCall {
    /**
     * @param assistantId null: the number's assistant
     * @param at null: as soon as limits and calling hours allow
     * @param retry null: the assistant's policy
     */
    public record Command(TenantId tenant, E164Number to, PhoneNumberId phoneNumberId, AssistantId assistantId, CallContext context,
                          String reference, Instant at, RetryPolicy retry, String idempotencyKey) {
        public Command {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        }
    }

    /** What came of the request. */
    public sealed interface Result {
        /** Queued (or, for a repeated idempotency key, the call the first request queued). */
        record Queued(Call call, boolean created) implements Result {}

        record UnknownNumber() implements Result {}

        record UnknownAssistant() implements Result {}

        /** Neither the request nor the number names an assistant. */
        record NoAssistant() implements Result {}

        /** The assistant's runtime cannot place calls on this server. */
        record UnsupportedRuntime(Runtime runtime) implements Result {}

        /** A {@code vapi} assistant's call cannot go through Vapi with the tenant's setup: {@code reason} says what to do. */
        record NotReady(String field, String reason) implements Result {}
    }

    private final PhoneNumberRepository numbers;
    private final AssistantRepository assistants;
    private final DialQueue queue;
    private final CallRepository calls;
    private final Clock clock;
    private final Duration keyLifetime;
    private final DialThroughVapi vapi;

    /** Without Vapi: calls for {@code vapi} assistants are refused as an unsupported runtime. */
    public PlaceOutboundCall(PhoneNumberRepository numbers, AssistantRepository assistants, DialQueue queue, CallRepository calls,
                             Clock clock, Duration keyLifetime) {
        this(numbers, assistants, queue, calls, clock, keyLifetime, null);
    }

    /** @param vapi checks that a {@code vapi} assistant's call can go through Vapi; {@code null} refuses them */
    public PlaceOutboundCall(PhoneNumberRepository numbers, AssistantRepository assistants, DialQueue queue, CallRepository calls,
                             Clock clock, Duration keyLifetime, DialThroughVapi vapi) {
        this.vapi = vapi;
        this.numbers = numbers;
        this.assistants = assistants;
        this.queue = queue;
        this.calls = calls;
        this.clock = clock;
        this.keyLifetime = keyLifetime;
    }

    public Result place(Command command) {
        var number = numbers.findById(command.tenant(), command.phoneNumberId());
        if (number.isEmpty()) return new Result.UnknownNumber();
        var assistantId = command.assistantId() != null ? command.assistantId() : number.get().assistantId();
        if (assistantId == null) return new Result.NoAssistant();
        var assistant = assistants.findById(command.tenant(), assistantId);
        if (assistant.isEmpty()) return new Result.UnknownAssistant();
        Assistant a = assistant.get();
        if (a.runtime() == Runtime.VAPI) {
            if (vapi == null) return new Result.UnsupportedRuntime(a.runtime());
            // Checked again when dialing; refusing here spares the business a call that can only fail.
            var unready = vapi.check(command.tenant(), number.get());
            if (unready.isPresent()) return new Result.NotReady(unready.get().field(), unready.get().reason());
        }
        var now = clock.instant();
        var call = Call.started(command.tenant(), CallDirection.OUTBOUND, number.get().number().value(), command.to().value(),
                a.runtime(), a.id(), number.get().id(), null, CallStatus.QUEUED, now);
        var notBefore = command.at() == null || command.at().isBefore(now) ? now : command.at();
        var order = new DialOrder(command.context(), command.reference(), command.idempotencyKey(), notBefore,
                command.retry() != null ? command.retry() : a.outbound().retry(), 1, call.id());
        var enqueued = queue.enqueue(call, order, now, keyLifetime);
        if (enqueued.created()) {
            var data = new LinkedHashMap<String, Object>();
            data.put("to", command.to().value());
            data.put("from", number.get().number().value());
            data.put("notBefore", notBefore.toString());
            if (command.reference() != null) data.put("reference", command.reference());
            if (command.idempotencyKey() != null) data.put("idempotencyKey", command.idempotencyKey());
            calls.appendEvent(CallEvent.of(call, now, "dial.queued", data));
        }
        return new Result.Queued(enqueued.call(), enqueued.created());
    }
}
