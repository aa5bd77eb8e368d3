package dev.switchboard.vapi.in;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.HostedAssistantSpec;
import dev.switchboard.domain.studio.HostedCall;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.vapi.in.VapiMessage.Envelope;
import dev.switchboard.domain.modelcall.SpokenTurn;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Vapi's server-message JSON ({@code {"message":{"type":…}}}, PROTOCOLS.md §8) into domain
 * messages, defensively: tool calls nested ({@code function.name/arguments}) or flat, arguments
 * as an object or a JSON string; transcripts in {@code artifact.messages} first, then the older
 * top-level fields; roles {@code bot}/{@code assistant} for the agent.
 */
final class VapiMessageJson {
    /** Raised for a body that is not a Vapi server message; answered 400. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);
    private static final Set<String> AGENT_ROLES = Set.of("bot", "assistant");

    private final JsonMapper json;

    VapiMessageJson(JsonMapper json) {
        this.json = json;
    }

    VapiMessage read(String raw, Instant receivedAt) {
        if (raw == null || raw.isBlank()) throw new Malformed("a JSON body {\"message\": {…}} is required");
        Map<String, Object> body;
        try {
            body = json.readValue(raw.getBytes(StandardCharsets.UTF_8), OBJECT);
        } catch (IOException | RuntimeException e) {
            throw new Malformed("malformed JSON");
        }
        if (body == null || !(body.get("message") instanceof Map<?, ?>)) throw new Malformed("the body has no \"message\" object");
        var message = map(body.get("message"));
        var type = text(message.get("type"));
        if (type == null || type.isBlank()) throw new Malformed("message.type is required");
        // Subscribed as transcript[transcriptType="final"], Vapi sends that literal string as the type.
        if (type.startsWith("transcript[")) type = "transcript";
        var at = epoch(message.get("timestamp"), receivedAt);
        var envelope = new Envelope(type, at, key(message), call(message));
        return switch (type) {
            case "status-update" -> new VapiMessage.StatusUpdate(envelope, text(message.get("status")), text(message.get("endedReason")));
            case "end-of-call-report" -> endOfCall(envelope, message);
            case "transcript" -> transcript(envelope, message);
            case "conversation-update" -> new VapiMessage.ConversationUpdate(envelope, turns(message.get("messages"), at));
            case "tool-calls" -> new VapiMessage.ToolCalls(envelope, toolCalls(message));
            case "assistant-request" -> new VapiMessage.AssistantRequest(envelope);
            default -> new VapiMessage.Other(envelope, details(message));
        };
    }

    private VapiMessage endOfCall(Envelope envelope, Map<String, Object> message) {
        var artifact = map(message.get("artifact"));
        var analysis = map(message.get("analysis"));
        var turns = turns(artifact.get("messages"), envelope.at());
        if (turns.isEmpty()) turns = turns(message.get("messages"), envelope.at());
        var recording = first(text(artifact.get("recordingUrl")), text(map(artifact.get("recording")).get("stereoUrl")),
                text(message.get("recordingUrl")));
        var summary = first(text(analysis.get("summary")), text(message.get("summary")));
        BigDecimal cost = null;
        if (message.get("cost") instanceof Number n) cost = new BigDecimal(n.toString());
        var costs = new ArrayList<Map<String, Object>>();
        for (var item : list(message.get("costs"))) if (item instanceof Map<?, ?>) costs.add(map(item));
        return new VapiMessage.EndOfCallReport(envelope, text(message.get("endedReason")), iso(message.get("startedAt")),
                iso(message.get("endedAt")), cost, costs, recording, turns, summary, analysis);
    }

    private VapiMessage transcript(Envelope envelope, Map<String, Object> message) {
        var role = text(message.get("role"));
        var speaker = role != null && AGENT_ROLES.contains(role.toLowerCase(Locale.ROOT)) ? CallMessage.Speaker.AGENT : CallMessage.Speaker.CALLER;
        var words = first(text(message.get("transcript")), "");
        var kind = text(message.get("transcriptType"));
        return new VapiMessage.Transcript(envelope, new SpokenTurn(speaker, words, envelope.at()), kind == null || kind.equals("final"));
    }

    /** Spoken turns only: system prompts and tool entries are on the timeline, not in the transcript. */
    private static List<SpokenTurn> turns(Object messages, Instant fallback) {
        var out = new ArrayList<SpokenTurn>();
        for (var item : list(messages)) {
            var m = map(item);
            var role = text(m.get("role"));
            if (role == null) continue;
            CallMessage.Speaker speaker;
            if (role.equalsIgnoreCase("user")) speaker = CallMessage.Speaker.CALLER;
            else if (AGENT_ROLES.contains(role.toLowerCase(Locale.ROOT))) speaker = CallMessage.Speaker.AGENT;
            else continue;
            var words = first(text(m.get("message")), text(m.get("content")));
            if (words == null || words.isBlank()) continue;
            out.add(new SpokenTurn(speaker, words, epoch(m.get("time"), fallback)));
        }
        return out;
    }

    /**
     * Every item, in order. One that cannot run (no id or name, arguments that are not a JSON
     * object) is kept with its problem, to be answered as that item's error: Vapi treats anything
     * but a 200 as the whole batch failing (PROTOCOLS.md §8.3).
     */
    private List<VapiMessage.ToolCalls.Item> toolCalls(Map<String, Object> message) {
        var items = list(message.get("toolCallList"));
        if (items.isEmpty())
            for (var item : list(message.get("toolWithToolCallList"))) items.add(map(item).get("toolCall"));
        var out = new ArrayList<VapiMessage.ToolCalls.Item>();
        for (var item : items) {
            var call = map(item);
            var function = map(call.get("function"));
            var name = first(text(function.get("name")), text(call.get("name")));
            var id = text(call.get("id"));
            if (name == null || id == null) {
                out.add(new VapiMessage.ToolCalls.Item(new ToolCall(first(id, ""), first(name, ""), Map.of()),
                        "Error: this tool call has no " + (id == null ? "id" : "name") + ", so it was not run."));
                continue;
            }
            var raw = function.containsKey("arguments") ? function.get("arguments")
                    : call.containsKey("arguments") ? call.get("arguments") : call.get("parameters");
            var arguments = arguments(raw);
            out.add(arguments == null
                    ? new VapiMessage.ToolCalls.Item(new ToolCall(id, name, Map.of()),
                            "Error: the arguments for " + name + " are not a JSON object, so it was not run. Call it again with valid arguments.")
                    : VapiMessage.ToolCalls.Item.runnable(new ToolCall(id, name, arguments)));
        }
        return out;
    }

    /** The arguments as a map; {@code null} when they are not a JSON object (or a string holding one). */
    private Map<String, Object> arguments(Object value) {
        if (value == null) return Map.of();
        if (value instanceof Map<?, ?>) return map(value);
        if (!(value instanceof String s)) return null;
        if (s.isBlank()) return Map.of();
        try {
            var parsed = json.readValue(s.getBytes(StandardCharsets.UTF_8), OBJECT);
            return parsed == null ? Map.of() : parsed;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static VapiCallRef call(Map<String, Object> message) {
        var call = map(message.get("call"));
        if (call.isEmpty()) return null;
        var phoneNumber = map(message.get("phoneNumber"));
        var customer = map(message.get("customer"));
        var assistant = map(message.get("assistant"));
        var metadata = map(assistant.get("metadata"));
        if (metadata.isEmpty()) metadata = map(map(call.get("assistant")).get("metadata"));
        // A call we placed carries our ids in its per-call overrides (DialThroughVapi); Vapi echoes them on the call.
        var placed = map(map(call.get("assistantOverrides")).get("metadata"));
        var type = first(text(call.get("type")), "");
        var direction = type.startsWith("outbound") ? CallDirection.OUTBOUND : CallDirection.INBOUND;
        return new VapiCallRef(text(call.get("id")), direction,
                first(text(customer.get("number")), text(map(call.get("customer")).get("number"))),
                first(text(phoneNumber.get("number")), text(map(call.get("phoneNumber")).get("number"))),
                first(text(call.get("assistantId")), text(assistant.get("id"))),
                parse(first(text(metadata.get(HostedAssistantSpec.TENANT_KEY)), text(placed.get(HostedAssistantSpec.TENANT_KEY))), TenantId::parse),
                parse(first(text(metadata.get(HostedAssistantSpec.ASSISTANT_KEY)), text(placed.get(HostedAssistantSpec.ASSISTANT_KEY))),
                        AssistantId::parse),
                text(call.get("phoneCallProviderId")),
                parse(first(text(placed.get(HostedCall.CALL_KEY)), text(metadata.get(HostedCall.CALL_KEY))), CallId::parse));
    }

    /** A few identifying fields of a message we do not handle, for the timeline (never the whole payload). */
    private static Map<String, Object> details(Map<String, Object> message) {
        var out = new LinkedHashMap<String, Object>();
        for (var field : List.of("status", "role", "turn", "turnId", "request", "language"))
            if (message.get(field) != null && !(message.get(field) instanceof Map) && !(message.get(field) instanceof List))
                out.put(field, message.get(field));
        return out;
    }

    /** The same message content always gives the same key, so a redelivery is recognised. */
    private String key(Map<String, Object> message) {
        try {
            var canonical = json.writeValueAsString(new java.util.TreeMap<>(message));
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a message", e);
        }
    }

    // A sender's clock is believed only within years PostgreSQL stores: an instant outside them
    // (a timestamp of Long.MIN_VALUE ms) would fail the call's write and answer 500.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant epoch(Object value, Instant fallback) {
        var parsed = value instanceof Number n ? storable(Instant.ofEpochMilli(n.longValue())) : iso(value);
        return parsed != null ? parsed : fallback;
    }

    private static Instant iso(Object value) {
        if (!(value instanceof String s)) return null;
        try {
            return storable(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant storable(Instant at) {
        return at.isBefore(EARLIEST) || at.isAfter(LATEST) ? null : at;
    }

    private static <T> T parse(String text, java.util.function.Function<String, T> parser) {
        if (text == null) return null;
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (var v : values) if (v != null) return v;
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof String s ? s : String.valueOf(value);
    }
}
