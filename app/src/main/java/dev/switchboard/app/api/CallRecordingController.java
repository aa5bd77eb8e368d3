package dev.switchboard.app.api;

import dev.switchboard.app.security.Caller;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.recording.RecordingStore;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.switchboard.app.api.problem.ProblemAnswers;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/v1/calls/{id}/recording}: the call's stereo WAV (caller left, agent right,
 * 8 kHz PCM16), streamed from the {@link RecordingStore}. Another tenant's call, an unknown
 * call and a call without a (finished) recording are all 404.
 */
@Controller("/api/v1/calls")
@Tag(name = "Calls")
@ProblemAnswers.Unauthorized
@SecurityRequirement(name = "bearer")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CallRecordingController {
    private static final MediaType WAV = new MediaType("audio/wav");
    private final CallRepository calls;
    private final RecordingStore recordings;

    CallRecordingController(CallRepository calls, RecordingStore recordings) {
        this.calls = calls;
        this.recordings = recordings;
    }

    @Get(uri = "/{id}/recording", produces = "audio/wav")
    @Operation(operationId = "getCallRecording", summary = "The call's recording as a stereo WAV (caller left, agent right)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "8 kHz PCM16 stereo WAV",
            content = @Content(mediaType = "audio/wav", schema = @Schema(type = "string", format = "binary")))
    @ProblemAnswers.NotFound
    StreamedFile recording(Authentication auth, String id) {
        var tenant = Caller.of(auth).tenantId();
        var callId = NotFound.id("call", id, CallId::parse);
        calls.findById(tenant, callId).orElseThrow(() -> NotFound.of("call", id));
        var recording = recordings.find(tenant, callId).orElseThrow(() -> NotFound.of("recording of call", id));
        try {
            return new StreamedFile(recording.content().open(), WAV, 0, recording.sizeBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the recording of call " + id, e);
        }
    }
}
