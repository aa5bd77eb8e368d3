package dev.switchboard.domain.studio;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compares two assistant specs field by field, and fingerprints one. Values are compared in a
 * canonical form (map keys sorted, numbers by value) so that a JSON round trip through Vapi —
 * which may turn 1 into 1.0 or reorder keys — is not mistaken for a change.
 */
public final class SpecComparison {
    private static final Map<String, Function<HostedAssistantSpec, Object>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("name", HostedAssistantSpec::name);
        FIELDS.put("firstMessage", HostedAssistantSpec::firstMessage);
        FIELDS.put("model.provider", HostedAssistantSpec::modelProvider);
        FIELDS.put("model.model", HostedAssistantSpec::model);
        FIELDS.put("model.temperature", HostedAssistantSpec::temperature);
        FIELDS.put("model.maxTokens", HostedAssistantSpec::maxTokens);
        FIELDS.put("model.messages[system]", HostedAssistantSpec::systemPrompt);
        FIELDS.put("model.tools", s -> s.tools().stream().map(SpecComparison::tool).toList());
        FIELDS.put("voice.provider", HostedAssistantSpec::voiceProvider);
        FIELDS.put("voice.voiceId", HostedAssistantSpec::voiceId);
        FIELDS.put("voice.speed", HostedAssistantSpec::voiceSpeed);
        FIELDS.put("transcriber.provider", HostedAssistantSpec::transcriberProvider);
        FIELDS.put("transcriber.model", HostedAssistantSpec::transcriberModel);
        FIELDS.put("transcriber.language", HostedAssistantSpec::transcriberLanguage);
        FIELDS.put("server.url", s -> s.server() == null ? null : s.server().url());
        FIELDS.put("serverMessages", HostedAssistantSpec::serverMessages);
    }

    private SpecComparison() {}

    /** Every synced setting where {@code actual} differs from {@code expected}, metadata aside. */
    public static List<FieldDifference> differences(HostedAssistantSpec expected, HostedAssistantSpec actual) {
        var out = new ArrayList<FieldDifference>();
        FIELDS.forEach((field, getter) -> {
            var want = canonical(getter.apply(expected));
            var got = canonical(getter.apply(actual));
            if (!Objects.equals(want, got)) out.add(new FieldDifference(field, want, got));
        });
        var wantSecret = expected.server() == null ? null : expected.server().secret();
        var gotSecret = actual.server() == null ? null : actual.server().secret();
        if (!Objects.equals(wantSecret, gotSecret))
            out.add(new FieldDifference("server.headers." + HostedServer.SECRET_HEADER, secret(wantSecret), secret(gotSecret)));
        return out;
    }

    /** Metadata keys we set whose values Vapi does not hold. */
    public static List<FieldDifference> metadataDifferences(HostedAssistantSpec expected, HostedAssistantSpec actual) {
        var out = new ArrayList<FieldDifference>();
        new TreeMap<>(expected.metadata()).forEach((key, value) -> {
            if (!Objects.equals(value, actual.metadata().get(key)))
                out.add(new FieldDifference("metadata." + key, value, actual.metadata().get(key)));
        });
        return out;
    }

    /**
     * A short fingerprint of every synced setting (metadata aside, secret included): equal specs
     * have equal hashes, so a stored hash tells whether Vapi or our assistant changed since.
     */
    public static String hash(HostedAssistantSpec spec) {
        var text = new StringBuilder();
        FIELDS.forEach((field, getter) -> text.append(field).append('=').append(canonical(getter.apply(spec))).append('\n'));
        text.append("secret=").append(spec.server() == null ? null : spec.server().secret());
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String secret(String value) {
        return value == null ? "(missing)" : "(secret)";
    }

    private static Object tool(HostedTool tool) {
        if (tool instanceof HostedTool.Function f)
            return Map.of("type", "function", "name", f.name(), "description", f.description(), "parameters", f.parameters());
        if (tool instanceof HostedTool.TransferCall t) return Map.of("type", "transferCall", "number", String.valueOf(t.number()));
        return Map.of("type", "endCall");
    }

    /** Sorted keys, numbers by value, so equal JSON values print equally. */
    static String canonical(Object value) {
        if (value == null) return null;
        if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, String>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) return list.stream().map(SpecComparison::canonical).toList().toString();
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        return value.toString();
    }
}
