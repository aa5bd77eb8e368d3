package dev.switchboard.domain.call;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.Money;
import dev.switchboard.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One phone call, the same record whatever runtime carried it.
 *
 * @param from the caller as the carrier gave it (usually E.164, sometimes "anonymous")
 * @param providerCallId Twilio's CallSid or Vapi's call id; unique per tenant
 * @param answeredAt when the call went in progress; {@code null} until then
 * @param durationSeconds talk time as the carrier reported it, else computed at the end
 * @param endedReason why the call ended, in plain words (e.g. "caller hung up", "busy")
 */
public record Call(
        CallId id,
        TenantId tenantId,
        CallDirection direction,
        String from,
        String to,
        Runtime runtime,
        AssistantId assistantId,
        PhoneNumberId phoneNumberId,
        String providerCallId,
        CallStatus status,
        Instant createdAt,
        Instant answeredAt,
        Instant endedAt,
        Integer durationSeconds,
        Money cost,
        String endedReason,
        String recordingUrl,
        String summary) {

    public Call {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (durationSeconds != null && durationSeconds < 0) throw new IllegalArgumentException("durationSeconds < 0");
    }

    /** A call that has just reached us, before anyone answered. */
    public static Call started(TenantId tenant, CallDirection direction, String from, String to, Runtime runtime,
                               AssistantId assistant, PhoneNumberId number, String providerCallId, CallStatus status, Instant at) {
        return new Call(CallId.random(), tenant, direction, from, to, runtime, assistant, number, providerCallId,
                status, at, status == CallStatus.IN_PROGRESS ? at : null, null, null, null, null, null, null);
    }

    /** The customer's number: who called us on an inbound call, whom we called on an outbound one. */
    public String customer() {
        return direction == CallDirection.INBOUND ? from : to;
    }

    /**
     * Applies a status the carrier reported at {@code at}. Statuses only move forward: a
     * duplicate or late status leaves the call as it is and says so.
     */
    public StatusChange advance(CallStatus next, Instant at) {
        if (!status.canMoveTo(next)) return new StatusChange.Ignored(this, status, next);
        var answered = answeredAt;
        if (answered == null && next == CallStatus.IN_PROGRESS) answered = at;
        // "completed" before (or without) "in-progress": the carrier's talk time says when it was answered,
        // so the record is the same whichever callback came first.
        if (answered == null && next == CallStatus.COMPLETED) answered = durationSeconds == null ? at : at.minusSeconds(durationSeconds);
        var ended = next.isFinal() ? at : endedAt;
        var duration = durationSeconds;
        if (next.isFinal() && duration == null)
            duration = answered == null ? 0 : (int) Math.max(0, Duration.between(answered, at).toSeconds());
        var moved = new Call(id, tenantId, direction, from, to, runtime, assistantId, phoneNumberId, providerCallId,
                next, createdAt, answered, ended, duration, cost, endedReason, recordingUrl, summary);
        return new StatusChange.Moved(moved, status, next);
    }

    public Call withDuration(int seconds) {
        return new Call(id, tenantId, direction, from, to, runtime, assistantId, phoneNumberId, providerCallId,
                status, createdAt, answeredAt, endedAt, seconds, cost, endedReason, recordingUrl, summary);
    }

    public Call withEnding(String reason, Money price, String recording) {
        return new Call(id, tenantId, direction, from, to, runtime, assistantId, phoneNumberId, providerCallId,
                status, createdAt, answeredAt, endedAt, durationSeconds,
                price != null ? price : cost, reason != null ? reason : endedReason,
                recording != null ? recording : recordingUrl, summary);
    }

    public Call withSummary(String text) {
        return new Call(id, tenantId, direction, from, to, runtime, assistantId, phoneNumberId, providerCallId,
                status, createdAt, answeredAt, endedAt, durationSeconds, cost, endedReason, recordingUrl, text);
    }
}
