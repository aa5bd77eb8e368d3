package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stage of a call on its timeline: webhook received, TwiML returned, caller said, tool
 * called, status changed, error… {@code data} holds plain values (strings, numbers, booleans,
 * nested maps and lists) and is stored as JSON.
 *
 * @param type dotted name of the stage, e.g. {@code webhook.received}, {@code status.changed}
 */
public record CallEvent(CallId callId, TenantId tenantId, Instant at, String type, Map<String, Object> data) {
    public CallEvent {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(at, "at");
        if (type == null || type.isBlank()) throw new IllegalArgumentException("event type is required");
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static CallEvent of(Call call, Instant at, String type, Map<String, Object> data) {
        return new CallEvent(call.id(), call.tenantId(), at, type, data);
    }
}
