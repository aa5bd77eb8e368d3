package dev.switchboard.app.api;

import dev.switchboard.app.api.problem.ProblemAnswers;
import dev.switchboard.app.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.diagnosis.DiagnoseCall;
import dev.switchboard.domain.diagnosis.Verdict;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/calls/{id}/diagnosis}: why the call failed (or that it did not), read from its
 * timeline — the first stage missing or failed, what it means, what to do, and the events that show
 * it. Reading it keeps the verdict on the call for {@code GET /api/v1/calls?verdict=…}. Another
 * tenant's call is 404.
 */
@Controller("/api/v1/calls")
@Tag(name = "Calls")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CallDiagnosisController {
    /** How long the diagnosis waits for this instance's queued records of the call, as the call's detail does. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);
    private final DiagnoseCall diagnose;
    private final CallRecorder recorder;

    CallDiagnosisController(DiagnoseCall diagnose, CallRecorder recorder) {
        this.diagnose = diagnose;
        this.recorder = recorder;
    }

    /**
     * @param verdict stable code, e.g. {@code socket_never_connected}; {@code healthy} when nothing is wrong
     * @param problem whether the call needs someone's attention ({@code healthy} and {@code in_progress} do not)
     * @param detail what this call's events add (an error message, a silence's length); may be empty
     * @param evidence the timeline events behind the verdict; {@code index} is the event's position in the call's timeline
     */
    @Serdeable
    @Schema(name = "CallDiagnosis", requiredProperties = {"callId", "verdict", "problem", "evidence"})
    record DiagnosisView(@Schema(example = "7c1d9e2a-5b3f-4e8a-9c6d-0a1b2c3d4e5f") String callId,
                         @Schema(type = "string", example = "socket_never_connected", allowableValues = {"dial_failed", "webhook_never_received",
                                 "number_not_proven", "no_assistant", "socket_never_connected", "socket_without_setup",
                                 "model_key_missing", "model_key_refused", "model_failed", "stream_model_closed", "tool_failed",
                                 "caller_hung_up_in_silence", "no_status_callback", "vapi_sync_failed", "vapi_sync_drifted",
                                 "in_progress", "healthy"}) String verdict, boolean problem,
                         @Schema(example = "socket") String stage,
                         @Schema(example = "Twilio got our TwiML but never opened the relay socket.") String meaning,
                         @Schema(example = "Check that SWITCHBOARD_PUBLIC_URL answers from outside over wss.") String fix,
                         String detail, List<EvidenceView> evidence) {}

    @Serdeable
    @Schema(name = "CallDiagnosisEvidence", requiredProperties = {"index", "type", "at"})
    record EvidenceView(@Schema(example = "2") int index, @Schema(example = "twiml.returned") String type,
                        @Schema(example = "2026-03-02T09:00:01Z") Instant at) {}

    @Get("/{id}/diagnosis")
    @Operation(operationId = "getCallDiagnosis", summary = "Why the call failed: the first stage missing or failed, what it means, the fix")
    @ProblemAnswers.NotFound
    DiagnosisView diagnosis(Authentication auth, String id) {
        var tenant = Caller.of(auth).tenantId();
        var callId = NotFound.id("call", id, CallId::parse);
        recorder.flush(FLUSH_WAIT);
        var verdict = diagnose.diagnose(tenant, callId).orElseThrow(() -> NotFound.of("call", id));
        return view(callId, verdict);
    }

    static DiagnosisView view(CallId callId, Verdict verdict) {
        var code = verdict.code();
        return new DiagnosisView(callId.toString(), code.wireName(), code.isProblem(), code.stage(), code.meaning(), code.fix(),
                verdict.detail(), verdict.evidence().stream().map(e -> new EvidenceView(e.index(), e.type(), e.at())).toList());
    }
}
