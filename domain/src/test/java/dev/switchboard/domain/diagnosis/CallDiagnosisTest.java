package dev.switchboard.domain.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.SyncStatus;
import dev.switchboard.domain.studio.VapiSyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The timing rules (the real runs of every verdict are the app's end-to-end tests, listed in
 * docs/diagnosis.md): a live call inside its grace is not broken, the same call past it is, a
 * placed call is owed its voice webhook only once answered, and a Vapi call answers for its
 * assistant's sync.
 */
class CallDiagnosisTest {
    private static final Instant T0 = Fixtures.T0;
    private final TenantId tenant = TenantId.random();
    private final CallDiagnosis diagnosis = new CallDiagnosis(DiagnosisPolicy.DEFAULT);

    private CallEvent event(Call call, int seconds, String type, Map<String, Object> data) {
        return CallEvent.of(call, T0.plusSeconds(seconds), type, data);
    }

    @Test
    void a_socket_still_connecting_is_in_progress_until_the_grace_passes() {
        var call = Fixtures.call(tenant, T0);
        var timeline = List.of(event(call, 0, "webhook.received", Map.of()),
                event(call, 0, "twiml.returned", Map.of("runtime", "relay", "socket", "wss://x.test/webhooks/twilio/relay")));

        assertThat(diagnosis.read(call, timeline, Optional.empty(), T0.plusSeconds(5)).code()).isEqualTo(VerdictCode.IN_PROGRESS);
        var late = diagnosis.read(call, timeline, Optional.empty(), T0.plusSeconds(31));
        assertThat(late).isEqualTo(new Verdict(VerdictCode.SOCKET_NEVER_CONNECTED, "TwiML named wss://x.test/webhooks/twilio/relay",
                List.of(new Verdict.Evidence(1, "twiml.returned", T0))));
    }

    @Test
    void a_placed_call_still_ringing_past_the_grace_has_not_asked_for_its_voice_url_yet() {
        var call = Call.started(tenant, dev.switchboard.domain.call.CallDirection.OUTBOUND, "+33142000001", "+33612345678", Runtime.RELAY,
                null, null, "CA1", CallStatus.RINGING, T0);
        var ringing = List.of(event(call, 0, "dial.placed", Map.of("callSid", "CA1")),
                event(call, 1, "status.changed", Map.of("reported", "ringing", "from", "queued")));

        // Twilio lets a call ring for up to 60 s before it reports no-answer; the voice URL is asked only once it is answered.
        assertThat(diagnosis.read(call, ringing, Optional.empty(), T0.plusSeconds(45)).code()).isEqualTo(VerdictCode.IN_PROGRESS);
        var answered = List.of(ringing.get(0), ringing.get(1), event(call, 20, "status.changed", Map.of("reported", "in-progress", "from", "ringing")));
        assertThat(diagnosis.read(call, answered, Optional.empty(), T0.plusSeconds(45)).code()).isEqualTo(VerdictCode.IN_PROGRESS);
        assertThat(diagnosis.read(call, answered, Optional.empty(), T0.plusSeconds(51)).code()).isEqualTo(VerdictCode.WEBHOOK_NEVER_RECEIVED);
    }

    @Test
    void the_first_failed_stage_wins_over_later_ones() {
        var call = Fixtures.call(tenant, T0).advance(CallStatus.COMPLETED, T0.plusSeconds(60)).call();
        var timeline = List.of(event(call, 0, "webhook.received", Map.of()),
                event(call, 0, "twiml.returned", Map.of("runtime", "relay", "socket", "wss://x")),
                event(call, 1, "socket.connected", Map.of()), event(call, 1, "relay.setup", Map.of()),
                event(call, 5, "error", Map.of("stage", "model", "category", "TIMEOUT", "message", "no first token")),
                event(call, 9, "tool.result", Map.of("name", "book_appointment", "outcome", "Failed", "details", Map.of("error", "timeout"))));

        var verdict = diagnosis.read(call, timeline, Optional.empty(), T0.plusSeconds(70));
        assertThat(verdict.code()).isEqualTo(VerdictCode.MODEL_FAILED);
        assertThat(verdict.detail()).isEqualTo("1 model failure, first: TIMEOUT: no first token");
        assertThat(verdict.evidence()).containsExactly(new Verdict.Evidence(4, "error", T0.plusSeconds(5)));
    }

    @Test
    void a_vapi_call_names_its_assistants_failed_or_drifted_sync() {
        var assistant = AssistantId.random();
        var call = Call.started(tenant, dev.switchboard.domain.call.CallDirection.INBOUND, "+33612345678", "+33142000001", Runtime.VAPI,
                assistant, null, "vapi-call-1", CallStatus.COMPLETED, T0);
        var failed = new VapiSyncState(tenant, assistant, SyncStatus.FAILED, T0.minus(Duration.ofHours(1)), "assistant: Vapi refused the key",
                null, null, null);

        assertThat(diagnosis.read(call, List.of(), Optional.of(failed), T0).code()).isEqualTo(VerdictCode.VAPI_SYNC_FAILED);
        assertThat(diagnosis.read(call, List.of(), Optional.of(failed.drifted(T0, "changed in Vapi")), T0).code())
                .isEqualTo(VerdictCode.VAPI_SYNC_DRIFTED);
        var synced = new VapiSyncState(tenant, assistant, SyncStatus.SYNCED, T0, null, "asst_1", "v1", "h");
        assertThat(diagnosis.read(call, List.of(), Optional.of(synced), T0).code()).isEqualTo(VerdictCode.HEALTHY);
    }

    @Test
    void every_code_has_a_stage_a_meaning_and_a_fix_and_parses_back() {
        for (var code : VerdictCode.values()) {
            assertThat(code.stage()).isNotBlank();
            assertThat(code.meaning()).isNotBlank();
            assertThat(code.fix()).isNotBlank();
            assertThat(VerdictCode.parse(code.wireName())).contains(code);
        }
    }
}
