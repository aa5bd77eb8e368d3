package dev.switchboard.app.wiring;

import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.diagnosis.DiagnoseCall;
import dev.switchboard.domain.diagnosis.DiagnosisPolicy;
import dev.switchboard.domain.studio.CheckVapiSync;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the call diagnosis from its settings. */
@Factory
final class DiagnosisFactory {
    @Singleton
    DiagnoseCall diagnoseCall(CallRepository calls, VapiSyncStateRepository syncStates, CheckVapiSync liveSync,
                              DiagnosisProperties properties, Clock clock) {
        return new DiagnoseCall(calls, syncStates, liveSync,
                new DiagnosisPolicy(properties.silence(), properties.socketGrace(), properties.statusCallbackGrace()), clock);
    }
}
