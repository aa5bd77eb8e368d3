package dev.switchboard.domain.conversation;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRecorder;
import java.time.Clock;
import java.util.Map;

/**
 * Writes what happens in a call to its timeline and transcript, stamped with the clock when it
 * happens. Records go to a {@link CallRecorder}, which stores them off the turn's thread: no
 * database round trip sits between the caller's words and the model's first token, and a
 * failure to store never interrupts the conversation — the caller matters more than the record.
 */
public final class CallTimeline {
    private final Call call;
    private final CallRecorder recorder;
    private final Clock clock;

    public CallTimeline(Call call, CallRecorder recorder, Clock clock) {
        this.call = call;
        this.recorder = recorder;
        this.clock = clock;
    }

    public void event(String type, Map<String, Object> data) {
        recorder.event(CallEvent.of(call, clock.instant(), type, data));
    }

    public CallMessage said(CallMessage.Speaker speaker, String text) {
        var message = CallMessage.of(call, speaker, text, clock.instant());
        save(message);
        return message;
    }

    public void save(CallMessage message) {
        recorder.message(message);
    }

    public Call call() {
        return call;
    }

    public Clock clock() {
        return clock;
    }
}
