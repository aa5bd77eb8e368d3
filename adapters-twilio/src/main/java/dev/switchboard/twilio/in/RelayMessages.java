package dev.switchboard.twilio.in;

import dev.switchboard.domain.conversation.StartConversation;
import io.micronaut.json.tree.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each ConversationRelay message means for the call (PROTOCOLS.md §6.1). Returns a problem
 * description for frames we cannot use, {@code null} otherwise.
 */
final class RelayMessages {
    private final StartConversation startConversation;

    RelayMessages(StartConversation startConversation) {
        this.startConversation = startConversation;
    }

    String handle(RelaySession relay, JsonNode message) {
        var type = text(message, "type");
        if (type == null) return "message has no type";
        if (!type.equals("setup") && !type.equals("error") && !type.equals("info") && relay.conversation() == null)
            return type + " before setup";
        return switch (type) {
            case "setup" -> setup(relay, message);
            case "prompt" -> prompt(relay, message);
            case "interrupt" -> {
                var heard = text(message, "utteranceUntilInterrupt");
                relay.conversation().interrupted(heard == null ? "" : heard);
                yield null;
            }
            case "dtmf" -> {
                var digit = text(message, "digit");
                if (!Dtmf.isDigit(digit)) yield "dtmf needs one digit of " + Dtmf.DIGITS;
                relay.now(() -> {
                    try {
                        relay.conversation().digitPressed(digit.charAt(0));
                    } catch (RuntimeException e) {
                        relay.technicalProblem("dtmf", e);
                    }
                });
                yield null;
            }
            case "error" -> {
                relay.event("relay.error", Map.of("description", String.valueOf(text(message, "description"))));
                yield null;
            }
            case "info" -> null;
            default -> "unknown message type " + type;
        };
    }

    private String setup(RelaySession relay, JsonNode message) {
        if (relay.conversation() != null) return "setup received twice";
        var parameters = new HashMap<String, String>();
        var custom = message.get("customParameters");
        if (custom != null && custom.isObject())
            for (var entry : custom.entries()) if (entry.getValue().isString()) parameters.put(entry.getKey(), entry.getValue().getStringValue());
        if (!relay.callId.toString().equals(parameters.get("call"))) return "setup is for another call";
        var data = new LinkedHashMap<String, Object>();
        data.put("sessionId", String.valueOf(text(message, "sessionId")));
        data.put("callSid", String.valueOf(text(message, "callSid")));
        data.put("callStatus", String.valueOf(text(message, "callStatus")));
        relay.twimlLanguage(parameters.remove("lang"));
        relay.event("relay.setup", data);
        parameters.remove("call");
        parameters.remove("tenant");
        var conversation = startConversation.start(relay.tenantId, relay.callId, relay.output, parameters);
        if (conversation.isEmpty()) {
            relay.output.hangUp("the call or its assistant no longer exists");
            return "no conversation can start for this call";
        }
        relay.bind(conversation.get());
        conversation.get().greeted();
        return null;
    }

    private String prompt(RelaySession relay, JsonNode message) {
        var text = text(message, "voicePrompt");
        if (text == null) return "prompt needs a voicePrompt string";
        var last = message.get("last");
        if (last != null && last.isBoolean() && !last.getBooleanValue()) {
            relay.event("caller.partial", Map.of("text", text));
            return null;
        }
        relay.callerSpeaks(text(message, "lang"));
        relay.turns.execute(() -> {
            try {
                relay.conversation().callerSaid(text);
            } catch (RuntimeException e) {
                relay.technicalProblem("turn", e);
            }
        });
        return null;
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
