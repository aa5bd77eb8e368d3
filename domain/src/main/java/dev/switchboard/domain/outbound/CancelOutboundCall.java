package dev.switchboard.domain.outbound;

import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.StatusChange;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.CallUpdate;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cancels an outbound call nobody answered yet: a queued one is never dialed (and not tried
 * again); one Twilio is already ringing is cancelled at Twilio ({@code Status=canceled}), and
 * Twilio's status callback records the end.
 */
public final class CancelOutboundCall {
    public sealed interface Result {
        record Canceled(Call call) implements Result {}

        /** Twilio was asked to stop ringing; its status callback will say {@code canceled}. */
        record Canceling(Call call) implements Result {}

        record NotFound() implements Result {}

        /** Inbound, answered or already over. */
        record TooLate(Call call, String why) implements Result {}

        /** An instance is asking Twilio to place it right now: ask again in a moment. */
        record BeingDialed(Call call) implements Result {}
    }

    private final CallRepository calls;
    private final DialQueue queue;
    private final Telephony telephony;
    private final Clock clock;

    public CancelOutboundCall(CallRepository calls, DialQueue queue, Telephony telephony, Clock clock) {
        this.calls = calls;
        this.queue = queue;
        this.telephony = telephony;
        this.clock = clock;
    }

    public Result cancel(TenantId tenant, CallId id) {
        var found = calls.findById(tenant, id);
        if (found.isEmpty()) return new Result.NotFound();
        var call = found.get();
        if (call.direction() != CallDirection.OUTBOUND) return new Result.TooLate(call, "only outbound calls can be cancelled");
        if (call.status().isFinal() || call.status() == CallStatus.IN_PROGRESS)
            return new Result.TooLate(call, "the call is " + call.status().wireName());
        var dial = queue.status(tenant, id);
        if (dial.isPresent() && dial.get().state() == DialState.DIALING) return new Result.BeingDialed(call);
        if (call.runtime() == Runtime.VAPI && call.providerCallId() != null)
            // Vapi carries it from here; we have no way yet to stop a call Vapi is ringing.
            return new Result.TooLate(call, "Vapi is already placing the call; only a call not yet dialed can be cancelled");
        queue.requestCancel(tenant, id);
        if (call.providerCallId() == null) {
            var change = call.advance(CallStatus.CANCELED, clock.instant());
            if (change instanceof StatusChange.Moved moved && calls.replaceIfStatus(moved.call().withEnding("cancelled before it was dialed", null, null), call.status())) {
                event(call, "call.canceled", Map.of("by", "api", "dialed", false));
                return new Result.Canceled(calls.findById(tenant, id).orElse(moved.call()));
            }
            var now = calls.findById(tenant, id).orElse(call);
            return now.status() == CallStatus.CANCELED ? new Result.Canceled(now) : cancel(tenant, id);
        }
        var result = telephony.updateCall(TelephonyAccount.of(tenant), call.providerCallId(), new CallUpdate.Cancel());
        var data = new LinkedHashMap<String, Object>();
        data.put("by", "api");
        data.put("callSid", call.providerCallId());
        if (result instanceof TelephonyResult.Refused<?> refused) {
            data.put("code", refused.refusal().code());
            data.put("message", refused.refusal().message());
        }
        event(call, result.isAccepted() ? "cancel.requested" : "cancel.refused", data);
        return new Result.Canceling(call);
    }

    private void event(Call call, String type, Map<String, Object> data) {
        calls.appendEvent(CallEvent.of(call, clock.instant(), type, data));
    }
}
