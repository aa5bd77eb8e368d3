package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.modelcall.StreamConversation;
import dev.switchboard.domain.recording.CallRecording;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;

/** One Media Streams socket: its call, its stream once {@code start} arrived, and the lane its frames are handled on in order. */
final class StreamSession {
    final TenantId tenantId;
    final CallId callId;
    /** Frames are handled here, in arrival order, off the event loop. */
    final SerialExecutor inbox;
    private final CallRepository calls;
    private final Clock clock;
    volatile TwilioCallerLine line;
    volatile StreamConversation conversation;
    /** The call's recording when its assistant records; {@code null} otherwise. */
    volatile CallRecording recording;

    StreamSession(TenantId tenantId, CallId callId, Executor pool, CallRepository calls, Clock clock) {
        this.tenantId = tenantId;
        this.callId = callId;
        this.inbox = new SerialExecutor(CallLogContext.carrying(tenantId, callId, pool));
        this.calls = calls;
        this.clock = clock;
    }

    /** Finishes the recording, if any (idempotent); it is stored, and on the timeline, behind the call. */
    void endRecording() {
        var r = recording;
        if (r != null) r.finish();
    }

    /** A socket-level stage on the timeline; best effort while the caller is on the line. */
    void event(String type, Map<String, Object> data) {
        try {
            calls.findById(tenantId, callId).ifPresent(call -> calls.appendEvent(CallEvent.of(call, clock.instant(), type, data)));
        } catch (RuntimeException ignored) {
            // The call goes on.
        }
    }
}
