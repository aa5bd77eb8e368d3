package dev.switchboard.persistence.out;

import dev.switchboard.domain.assistant.DtmfAction;
import dev.switchboard.domain.assistant.DtmfPolicy;
import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.assistant.TranscriberSettings;
import dev.switchboard.domain.assistant.VoiceSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSONB shapes of an assistant's nested settings. Written by hand rather than by
 * introspecting the domain records, so renaming a record component cannot silently change
 * what is stored; the field names match the REST API's.
 */
final class AssistantSettingsJson {
    private AssistantSettingsJson() {}

    static Map<String, Object> voice(VoiceSettings v) {
        return Map.of("provider", v.provider(), "voiceId", v.voiceId(), "speed", v.speed());
    }

    static VoiceSettings voice(Map<String, Object> m) {
        return new VoiceSettings(text(m, "provider"), text(m, "voiceId"), number(m, "speed").doubleValue());
    }

    static Map<String, Object> transcriber(TranscriberSettings t) {
        return Map.of("provider", t.provider(), "model", t.model(), "language", t.language());
    }

    static TranscriberSettings transcriber(Map<String, Object> m) {
        return new TranscriberSettings(text(m, "provider"), text(m, "model"), text(m, "language"));
    }

    static Map<String, Object> model(ModelSettings s) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("provider", s.provider());
        map.put("model", s.model());
        map.put("temperature", s.temperature());
        map.put("maxTokens", s.maxTokens());
        if (s.hasFallback()) map.put("fallback", Map.of("provider", s.fallbackProvider(), "model", s.fallbackModel()));
        return map;
    }

    @SuppressWarnings("unchecked")
    static ModelSettings model(Map<String, Object> m) {
        var fallback = m.get("fallback") instanceof Map<?, ?> f ? (Map<String, Object>) f : null;
        return new ModelSettings(text(m, "provider"), text(m, "model"), number(m, "temperature").doubleValue(),
                number(m, "maxTokens").intValue(), fallback == null ? null : text(fallback, "provider"),
                fallback == null ? null : text(fallback, "model"));
    }

    /** Digit to action name, e.g. {@code {"0": "TRANSFER_TO_HUMAN"}}. */
    static Map<String, Object> dtmf(DtmfPolicy policy) {
        var m = new LinkedHashMap<String, Object>();
        policy.actions().forEach((digit, action) -> m.put(String.valueOf(digit), action.name()));
        return m;
    }

    static DtmfPolicy dtmf(Map<String, Object> m) {
        var actions = new LinkedHashMap<Character, DtmfAction>();
        m.forEach((digit, action) -> {
            if (digit.length() != 1) throw new IllegalStateException("stored DTMF key is not one digit: " + digit);
            actions.put(digit.charAt(0), DtmfAction.valueOf(String.valueOf(action)));
        });
        return new DtmfPolicy(actions);
    }

    static Map<String, Object> outbound(dev.switchboard.domain.assistant.OutboundSettings o) {
        var m = new LinkedHashMap<String, Object>();
        m.put("machineDetection", o.machineDetection());
        if (o.voicemailMessage() != null) m.put("voicemailMessage", o.voicemailMessage());
        m.put("retry", Map.of("attempts", o.retry().attempts(), "spacingSeconds", o.retry().spacing().toSeconds()));
        return m;
    }

    /** An assistant stored before V20 has {@code {}}: the defaults. */
    @SuppressWarnings("unchecked")
    static dev.switchboard.domain.assistant.OutboundSettings outbound(Map<String, Object> m) {
        if (m == null || m.isEmpty()) return dev.switchboard.domain.assistant.OutboundSettings.DEFAULT;
        var retry = m.get("retry") instanceof Map<?, ?> r ? (Map<String, Object>) r : null;
        return new dev.switchboard.domain.assistant.OutboundSettings(Boolean.TRUE.equals(m.get("machineDetection")), text(m, "voicemailMessage"),
                retry == null ? dev.switchboard.domain.assistant.RetryPolicy.ONCE
                        : new dev.switchboard.domain.assistant.RetryPolicy(number(retry, "attempts").intValue(),
                                java.time.Duration.ofSeconds(number(retry, "spacingSeconds").longValue())));
    }

    private static String text(Map<String, Object> m, String key) {
        var value = m.get(key);
        return value == null ? null : value.toString();
    }

    private static Number number(Map<String, Object> m, String key) {
        if (m.get(key) instanceof Number n) return n;
        throw new IllegalStateException("stored setting is not a number: " + key);
    }
}
