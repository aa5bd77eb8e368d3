package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.RandomUuids;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One turn of a call's transcript.
 *
 * @param interrupted the caller barged in: {@code text} is what they actually heard
 */
public record CallMessage(UUID id, CallId callId, TenantId tenantId, Speaker speaker, String text, Instant at, boolean interrupted) {
    /** Who spoke. Tool turns record what the agent did, in words. */
    public enum Speaker { CALLER, AGENT, TOOL, SYSTEM }

    public CallMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    public static CallMessage of(Call call, Speaker speaker, String text, Instant at) {
        return new CallMessage(RandomUuids.next(), call.id(), call.tenantId(), speaker, text, at, false);
    }

    /** What the caller heard before barging in. */
    public CallMessage truncatedTo(String heard) {
        return new CallMessage(id, callId, tenantId, speaker, heard, at, true);
    }
}
