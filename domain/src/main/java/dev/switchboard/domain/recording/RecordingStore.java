package dev.switchboard.domain.recording;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.util.Optional;

/**
 * Where call recordings are kept: one stereo WAV per call (caller left, agent right, 8 kHz PCM16).
 * The default adapter writes files under the data directory; object storage (S3, GCS, Azure
 * Blob) plugs in here: {@link #open} would stream the finished WAV (or its parts) to a bucket
 * under {@code <tenant>/<call>.wav}, and {@link #find} would stream it back (or the API would
 * redirect to a signed URL). Every method is scoped by tenant: a call id of another tenant is
 * never found. Thread-safe.
 */
public interface RecordingStore {
    /**
     * Starts the recording of a call. Returns at once and does no blocking I/O on the caller's
     * thread (the media path): the recording is written behind it. A recording that cannot be
     * written reports it through {@link CallRecording#finish()}, never by failing the call.
     */
    CallRecording open(TenantId tenantId, CallId callId);

    /** The call's finished recording; empty when it was not recorded, is still being written, or is another tenant's. */
    Optional<StoredRecording> find(TenantId tenantId, CallId callId);
}
