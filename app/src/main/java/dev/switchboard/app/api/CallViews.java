package dev.switchboard.app.api;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallStats;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.http.annotation.Status;

/** How calls, their timeline, transcript and statistics appear in the API. */
final class CallViews {
    private CallViews() {}

    @Serdeable
    @Schema(name = "Call", requiredProperties = {"id", "direction", "from", "to", "runtime", "status", "createdAt"})
    record CallView(@Schema(example = "7c1d9e2a-5b3f-4e8a-9c6d-0a1b2c3d4e5f") String id,
                    @Schema(type = "string", allowableValues = {"inbound", "outbound"}, example = "inbound") String direction,
                    @Schema(example = "+33612345678") String from, @Schema(example = "+33187654321") String to,
                    @Schema(example = "relay") String runtime, @Schema(example = "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c") String assistantId,
                    @Schema(example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") String phoneNumberId,
                    @Schema(description = "Twilio's CallSid", example = "CA0123456789abcdef0123456789abcdef") String providerCallId,
                    @Schema(example = "completed") String status, @Schema(example = "2026-03-02T09:00:00Z") Instant createdAt,
                    @Schema(example = "2026-03-02T09:00:04Z") Instant answeredAt, @Schema(example = "2026-03-02T09:03:10Z") Instant endedAt,
                    @Schema(example = "186") Integer durationSeconds, @Schema(example = "0.0425") BigDecimal cost,
                    @Schema(example = "USD") String costCurrency, @Schema(example = "caller-hung-up") String endedReason,
                    String recordingUrl, @Schema(example = "Booked a haircut for Tuesday at 10:00.") String summary,
                    @Schema(type = "string", description = "the verdict of the call's diagnosis, kept when the call ends and whenever its diagnosis is "
                            + "read (GET /api/v1/calls/{id}/diagnosis says why); absent until then, e.g. while the call is live",
                            allowableValues = {"dial_failed", "webhook_never_received", "number_not_proven", "no_assistant",
                                    "socket_never_connected", "socket_without_setup", "model_key_missing", "model_key_refused",
                                    "model_failed", "stream_model_closed", "tool_failed", "caller_hung_up_in_silence",
                                    "no_status_callback", "vapi_sync_failed", "vapi_sync_drifted", "in_progress", "healthy"},
                            example = "healthy") String verdict) {}

    @Serdeable
    @Schema(name = "TranscriptLine", requiredProperties = {"speaker", "text", "at", "interrupted"})
    record MessageView(@Schema(example = "caller") String speaker, @Schema(example = "I'd like a haircut on Tuesday.") String text,
                       @Schema(example = "2026-03-02T09:00:12Z") Instant at,
                       @Schema(description = "the caller cut the agent off while it said this") boolean interrupted) {}

    @Serdeable
    @Schema(name = "TimelineEvent", requiredProperties = {"at", "type"})
    record EventView(@Schema(example = "2026-03-02T09:00:01Z") Instant at, @Schema(example = "webhook.received") String type,
                     @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                             description = "what the stage recorded; its fields depend on the type") Map<String, Object> data) {}

    /** A call we placed: what the business asked for and how dialing went; null on inbound calls. */
    @Serdeable
    @Schema(name = "CallDetail", requiredProperties = {"call", "transcript", "timeline"})
    record CallDetail(CallView call, OutboundView outbound, List<MessageView> transcript, List<EventView> timeline) {}

    /**
     * @param dialState waiting, dialing, placed, unconfirmed or done
     * @param error Twilio's refusal (its code and message) or why dialing failed; null when none
     */
    @Serdeable
    @Schema(name = "OutboundOrder", requiredProperties = {"attempt", "firstCallId", "maxAttempts", "retrySpacingSeconds"})
    record OutboundView(@Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> context, String reference, int attempt, String firstCallId, Instant notBefore,
                        int maxAttempts, long retrySpacingSeconds, String dialState, DialErrorView error) {}

    @Serdeable
    @Schema(name = "DialError")
    record DialErrorView(Integer code, String message) {}

    static OutboundView outbound(dev.switchboard.domain.outbound.DialOrder order, dev.switchboard.domain.outbound.DialQueue.DialStatus status) {
        var error = status == null || (status.errorCode() == null && status.errorMessage() == null) ? null
                : new DialErrorView(status.errorCode(), status.errorMessage());
        return new OutboundView(order.context().values(), order.reference(), order.attempt(), order.firstCall().toString(), order.notBefore(),
                order.retry().attempts(), order.retry().spacing().toSeconds(),
                status == null ? null : status.state().name().toLowerCase(Locale.ROOT), error);
    }

    @Serdeable
    @Schema(name = "CallPage", requiredProperties = {"items", "total", "offset", "limit"})
    record CallPage(List<CallView> items, long total, int offset, int limit) {}

    @Serdeable
    @Schema(name = "CallDay", requiredProperties = {"date", "calls", "durationSeconds"})
    record DayView(@Schema(example = "2026-03-02") LocalDate date, @Schema(example = "12") long calls, @Schema(example = "1860") long durationSeconds) {}

    @Serdeable
    @Schema(name = "CallStats", requiredProperties = {"from", "to", "timezone", "total", "byStatus", "byDirection", "totalDurationSeconds", "averageDurationSeconds", "perDay"})
    record StatsView(Instant from, Instant to, String timezone, long total, Map<String, Long> byStatus,
                     Map<String, Long> byDirection, long totalDurationSeconds, double averageDurationSeconds, List<DayView> perDay) {}

    /** The call as placing or cancelling it answers: not diagnosed yet, so without a verdict. */
    static CallView call(Call c) {
        return call(c, null);
    }

    /** @param verdict the verdict kept on the call ({@code CallRepository#verdicts}), or null */
    static CallView call(Call c, String verdict) {
        return new CallView(c.id().toString(), c.direction().wireName(), c.from(), c.to(),
                c.runtime().name().toLowerCase(Locale.ROOT),
                c.assistantId() == null ? null : c.assistantId().toString(),
                c.phoneNumberId() == null ? null : c.phoneNumberId().toString(),
                c.providerCallId(), c.status().wireName(), c.createdAt(), c.answeredAt(), c.endedAt(), c.durationSeconds(),
                c.cost() == null ? null : c.cost().amount(), c.cost() == null ? null : c.cost().currency(),
                c.endedReason(), c.recordingUrl(), c.summary(), verdict);
    }

    static MessageView message(CallMessage m) {
        return new MessageView(m.speaker().name().toLowerCase(Locale.ROOT), m.text(), m.at(), m.interrupted());
    }

    static EventView event(CallEvent e) {
        return new EventView(e.at(), e.type(), e.data());
    }

    static StatsView stats(CallStats s, Instant from, Instant to, String zone) {
        var byStatus = new TreeMap<String, Long>();
        s.byStatus().forEach((k, v) -> byStatus.put(k.wireName(), v));
        var byDirection = new TreeMap<String, Long>();
        s.byDirection().forEach((k, v) -> byDirection.put(k.wireName(), v));
        return new StatsView(from, to, zone, s.total(), byStatus, byDirection, s.totalDurationSeconds(),
                s.averageDurationSeconds(), s.perDay().stream().map(d -> new DayView(d.date(), d.calls(), d.durationSeconds())).toList());
    }
}
