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
    @Schema(name = "Call")
    record CallView(String id, String direction, String from, String to, String runtime, String assistantId,
                    String phoneNumberId, String providerCallId, String status, Instant createdAt, Instant answeredAt,
                    Instant endedAt, Integer durationSeconds, BigDecimal cost, String costCurrency, String endedReason,
                    String recordingUrl, String summary) {}

    @Serdeable
    @Schema(name = "TranscriptLine")
    record MessageView(String speaker, String text, Instant at, boolean interrupted) {}

    @Serdeable
    @Schema(name = "TimelineEvent")
    record EventView(Instant at, String type,
                     @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                             description = "what the stage recorded; its fields depend on the type") Map<String, Object> data) {}

    /** A call we placed: what the business asked for and how dialing went; null on inbound calls. */
    @Serdeable
    @Schema(name = "CallDetail")
    record CallDetail(CallView call, OutboundView outbound, List<MessageView> transcript, List<EventView> timeline) {}

    /**
     * @param dialState waiting, dialing, placed, unconfirmed or done
     * @param error Twilio's refusal (its code and message) or why dialing failed; null when none
     */
    @Serdeable
    @Schema(name = "OutboundOrder")
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
    @Schema(name = "CallPage")
    record CallPage(List<CallView> items, long total, int offset, int limit) {}

    @Serdeable
    @Schema(name = "CallDay")
    record DayView(LocalDate date, long calls, long durationSeconds) {}

    @Serdeable
    @Schema(name = "CallStats")
    record StatsView(Instant from, Instant to, String timezone, long total, Map<String, Long> byStatus,
                     Map<String, Long> byDirection, long totalDurationSeconds, double averageDurationSeconds, List<DayView> perDay) {}

    static CallView call(Call c) {
        return new CallView(c.id().toString(), c.direction().wireName(), c.from(), c.to(),
                c.runtime().name().toLowerCase(Locale.ROOT),
                c.assistantId() == null ? null : c.assistantId().toString(),
                c.phoneNumberId() == null ? null : c.phoneNumberId().toString(),
                c.providerCallId(), c.status().wireName(), c.createdAt(), c.answeredAt(), c.endedAt(), c.durationSeconds(),
                c.cost() == null ? null : c.cost().amount(), c.cost() == null ? null : c.cost().currency(),
                c.endedReason(), c.recordingUrl(), c.summary());
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
