package dev.switchboard.testkit.caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * What ConversationRelay accepts from a server (PROTOCOLS.md §6.2): JSON text messages of type
 * {@code text}, {@code play}, {@code sendDigits}, {@code language} or {@code end}, with their
 * fields' types. Twilio ignores anything else and logs it as error 64107 in the account's debugger,
 * so the virtual caller treats it as a failure. Stateless and thread-safe.
 */
public final class RelayMessageRules {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TEXT_FIELDS = Set.of("type", "token", "last", "lang", "interruptible", "preemptible");
    private static final Set<String> PLAY_FIELDS = Set.of("type", "source", "loop", "interruptible", "preemptible");

    private RelayMessageRules() {}

    /** Why Twilio would reject this server message, or empty if it would take it. */
    public static Optional<String> violation(String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (Exception e) {
            return Optional.of("not JSON: " + abbreviate(message));
        }
        if (node == null || !node.isObject()) return Optional.of("not a JSON object: " + abbreviate(message));
        var type = node.path("type").asText(null);
        if (type == null || !node.get("type").isTextual()) return Optional.of("no type: " + abbreviate(message));
        return switch (type) {
            case "text" -> !node.path("token").isTextual() ? Optional.of("text without a string token")
                    : !optionalBoolean(node, "last") || !optionalBoolean(node, "interruptible") || !optionalBoolean(node, "preemptible")
                    ? Optional.of("text with a non-boolean flag") : unknownField(node, TEXT_FIELDS);
            case "play" -> !node.path("source").isTextual() ? Optional.of("play without a source") : unknownField(node, PLAY_FIELDS);
            case "sendDigits" -> !node.path("digits").isTextual() || !node.get("digits").asText().matches("[0-9*#w]+")
                    ? Optional.of("sendDigits needs digits of 0-9 * # w") : unknownField(node, Set.of("type", "digits"));
            case "language" -> !node.path("ttsLanguage").isTextual() && !node.path("transcriptionLanguage").isTextual()
                    ? Optional.of("language needs ttsLanguage or transcriptionLanguage")
                    : !bcp47(node, "ttsLanguage") || !bcp47(node, "transcriptionLanguage") ? Optional.of("language names no BCP-47 tag")
                    : unknownField(node, Set.of("type", "ttsLanguage", "transcriptionLanguage"));
            case "end" -> node.has("handoffData") && !node.get("handoffData").isTextual()
                    ? Optional.of("end's handoffData must be a string") : unknownField(node, Set.of("type", "handoffData"));
            default -> Optional.of("type " + type + " is not one Twilio accepts: " + abbreviate(message));
        };
    }

    private static boolean bcp47(JsonNode node, String field) {
        return !node.has(field) || node.get(field).isTextual() && node.get(field).asText().matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    }

    private static boolean optionalBoolean(JsonNode node, String field) {
        return !node.has(field) || node.get(field).isBoolean();
    }

    private static Optional<String> unknownField(JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            var name = names.next();
            if (!allowed.contains(name)) return Optional.of("field " + name + " is not part of a " + node.get("type").asText() + " message");
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
