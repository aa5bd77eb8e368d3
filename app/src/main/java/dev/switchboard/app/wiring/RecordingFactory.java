package dev.switchboard.app.wiring;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.recording.RecordCall;
import dev.switchboard.domain.recording.RecordingStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Call recordings: the use case deciding whether a call is recorded, over the configured {@link RecordingStore}. */
@Factory
final class RecordingFactory {
    @Singleton
    RecordCall recordCall(CallRepository calls, AssistantRepository assistants, RecordingStore store, Clock clock) {
        return new RecordCall(calls, assistants, store, clock);
    }
}
