package dev.switchboard.domain.diagnosis;

import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.VapiSyncState;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * Diagnoses a call from its stored timeline and keeps the verdict on the call, so the call list
 * can filter by it without reading every timeline. Run when the call ends and whenever someone
 * reads its diagnosis (a verdict can change later: a status callback that never came, a sync
 * that failed since).
 */
public final class DiagnoseCall {
    private final CallRepository calls;
    private final VapiSyncStateRepository syncStates;
    private final CallDiagnosis diagnosis;
    private final Clock clock;

    public DiagnoseCall(CallRepository calls, VapiSyncStateRepository syncStates, DiagnosisPolicy policy, Clock clock) {
        this.calls = calls;
        this.syncStates = syncStates;
        this.diagnosis = new CallDiagnosis(policy);
        this.clock = clock;
    }

    /** @return the call's verdict, or empty when the tenant has no such call */
    public Optional<Verdict> diagnose(TenantId tenant, CallId id) {
        return calls.findById(tenant, id).map(this::diagnose);
    }

    /** Reads the call's timeline as stored now, keeps the verdict on the call and returns it. */
    public Verdict diagnose(Call call) {
        var sync = call.runtime() == Runtime.VAPI && call.assistantId() != null
                ? syncStates.find(call.tenantId(), call.assistantId()) : Optional.<VapiSyncState>empty();
        var verdict = diagnosis.read(call, calls.events(call.tenantId(), call.id()), sync, clock.instant());
        calls.recordVerdict(call.tenantId(), call.id(), verdict.code().wireName());
        return verdict;
    }
}
