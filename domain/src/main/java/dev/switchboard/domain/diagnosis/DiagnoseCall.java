package dev.switchboard.domain.diagnosis;

import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.CheckVapiSync;
import dev.switchboard.domain.studio.VapiSyncState;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * Diagnoses a call from its stored timeline and keeps the verdict on the call, so the call list
 * can filter by it without reading every timeline. Run when the call ends and whenever someone
 * reads its diagnosis (a verdict can change later: a status callback that never came, a sync
 * that failed since, an assistant someone edited in Vapi since).
 */
public final class DiagnoseCall {
    private final CallRepository calls;
    private final VapiSyncStateRepository syncStates;
    private final CheckVapiSync liveSync;
    private final CallDiagnosis diagnosis;
    private final Clock clock;

    /**
     * @param liveSync asks Vapi, for a Vapi call, whether its assistant drifted since the last sync
     *     (and stores the drift); {@code null} to read the stored state only
     */
    public DiagnoseCall(CallRepository calls, VapiSyncStateRepository syncStates, CheckVapiSync liveSync, DiagnosisPolicy policy,
                        Clock clock) {
        this.calls = calls;
        this.syncStates = syncStates;
        this.liveSync = liveSync;
        this.diagnosis = new CallDiagnosis(policy);
        this.clock = clock;
    }

    /** @return the call's verdict, or empty when the tenant has no such call */
    public Optional<Verdict> diagnose(TenantId tenant, CallId id) {
        return calls.findById(tenant, id).map(this::diagnose);
    }

    /**
     * Reads the call's timeline as stored now, keeps the verdict on the call and returns it. For a
     * Vapi call this asks Vapi (one HTTP request, up to its timeout): callers answering Vapi's own
     * webhook run it off that request ({@link #diagnoseFromStore} when they cannot).
     */
    public Verdict diagnose(Call call) {
        return diagnose(call, true);
    }

    /**
     * As {@link #diagnose(Call)}, but from the Vapi sync state as stored, without asking Vapi: no
     * network, for when there is no time to wait for Vapi.
     */
    public Verdict diagnoseFromStore(Call call) {
        return diagnose(call, false);
    }

    private Verdict diagnose(Call call, boolean askVapi) {
        var sync = call.runtime() == Runtime.VAPI && call.assistantId() != null ? syncOf(call, askVapi) : Optional.<VapiSyncState>empty();
        var verdict = diagnosis.read(call, calls.events(call.tenantId(), call.id()), sync, clock.instant());
        calls.recordVerdict(call.tenantId(), call.id(), verdict.code().wireName());
        return verdict;
    }

    /**
     * The stored state only changes to drifted when someone checks: an edit in Vapi's dashboard
     * that nobody looked at since would leave the call healthy. So Vapi is asked (one read of the
     * assistant); when it cannot be, the stored state answers.
     */
    private Optional<VapiSyncState> syncOf(Call call, boolean askVapi) {
        if (askVapi && liveSync != null) {
            try {
                if (liveSync.check(new CheckVapiSync.Command(call.tenantId(), call.assistantId())) instanceof CheckVapiSync.Result.Done done
                        && done.checks().size() == 1 && done.checks().get(0).stored() != null)
                    return Optional.of(done.checks().get(0).stored());
            } catch (RuntimeException e) {
                // Vapi or the credentials could not be read: the stored state is the best we know.
            }
        }
        return syncStates.find(call.tenantId(), call.assistantId());
    }
}
