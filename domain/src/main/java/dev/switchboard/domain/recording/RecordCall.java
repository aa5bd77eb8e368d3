package dev.switchboard.domain.recording;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Starts recording a call when its assistant records ({@link Assistant#recording()}). The
 * recording reports on the call's timeline when it ends: {@code recording.saved} with its
 * duration, or {@code recording.failed} with the reason.
 */
public final class RecordCall {
    private final CallRepository calls;
    private final AssistantRepository assistants;
    private final RecordingStore store;
    private final Clock clock;

    public RecordCall(CallRepository calls, AssistantRepository assistants, RecordingStore store, Clock clock) {
        this.calls = calls;
        this.assistants = assistants;
        this.store = store;
        this.clock = clock;
    }

    /** The recording of a call already read, started; empty when its assistant or the wish to record is missing. */
    public Optional<CallRecording> start(Call call) {
        if (call.assistantId() == null) return Optional.empty();
        var records = assistants.findById(call.tenantId(), call.assistantId()).map(Assistant::recording).orElse(false);
        if (!records) return Optional.empty();
        return Optional.of(new Reported(store.open(call.tenantId(), call.id()), call.tenantId(), call.id()));
    }

    /** Adds the timeline entry once the recording is stored (or could not be). */
    private final class Reported implements CallRecording {
        private final CallRecording recording;
        private final TenantId tenantId;
        private final CallId callId;
        private CompletionStage<RecordingSaved> finished;

        Reported(CallRecording recording, TenantId tenantId, CallId callId) {
            this.recording = recording;
            this.tenantId = tenantId;
            this.callId = callId;
        }

        @Override
        public void callerAudio(long streamMillis, byte[] mulaw) {
            recording.callerAudio(streamMillis, mulaw);
        }

        @Override
        public void agentAudio(byte[] mulaw) {
            recording.agentAudio(mulaw);
        }

        @Override
        public void cleared() {
            recording.cleared();
        }

        @Override
        public synchronized CompletionStage<RecordingSaved> finish() {
            if (finished == null) finished = recording.finish().whenComplete((saved, failure) -> {
                var data = new LinkedHashMap<String, Object>();
                if (saved != null) {
                    data.put("durationMs", saved.duration().toMillis());
                    data.put("bytes", saved.sizeBytes());
                    if (saved.droppedAudio() > 0) data.put("droppedAudio", saved.droppedAudio());
                    event("recording.saved", data);
                } else {
                    var cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : failure;
                    data.put("error", cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                    event("recording.failed", data);
                }
            });
            return finished;
        }

        private void event(String type, Map<String, Object> data) {
            try {
                calls.findById(tenantId, callId).ifPresent(call -> calls.appendEvent(CallEvent.of(call, clock.instant(), type, data)));
            } catch (RuntimeException ignored) {
                // The timeline is best effort; the recording itself is stored.
            }
        }
    }
}
