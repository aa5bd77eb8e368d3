package dev.switchboard.domain.conversation;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRepository;
import java.time.Clock;
import java.util.Map;

/**
 * Writes what happens in a call to its timeline and transcript, stamped with the clock. A
 * failure to write never interrupts the conversation: the caller matters more than the record.
 */
public final class CallTimeline {
    private final Call call;
    private final CallRepository calls;
    private final Clock clock;

    public CallTimeline(Call call, CallRepository calls, Clock clock) {
        this.call = call;
        this.calls = calls;
        this.clock = clock;
    }

    public void event(String type, Map<String, Object> data) {
        try {
            calls.appendEvent(CallEvent.of(call, clock.instant(), type, data));
        } catch (RuntimeException ignored) {
            // Recording is best effort during a live call; the call goes on.
        }
    }

    public CallMessage said(CallMessage.Speaker speaker, String text) {
        var message = CallMessage.of(call, speaker, text, clock.instant());
        save(message);
        return message;
    }

    public void save(CallMessage message) {
        try {
            calls.saveMessage(message);
        } catch (RuntimeException ignored) {
            // Same as events: never let storage silence the agent.
        }
    }

    public Call call() {
        return call;
    }

    public Clock clock() {
        return clock;
    }
}
