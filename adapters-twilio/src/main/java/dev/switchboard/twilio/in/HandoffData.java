package dev.switchboard.twilio.in;

import dev.switchboard.domain.conversation.HandOff;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What we put in ConversationRelay's {@code end.handoffData} and read back from the action
 * callback's {@code HandoffData}: a JSON object with an {@code action} of {@code transfer} or
 * {@code hangup}, and for transfers the number, reason and a summary for the human.
 */
record HandoffData(String action, String transferNumber, String reason, String summary, String callId) {
    static final String TRANSFER = "transfer";
    static final String HANGUP = "hangup";
    /** The instance is shutting down between turns: the action callback (on another instance) says goodbye politely. */
    static final String SHUTDOWN = "shutdown";

    static HandoffData transfer(HandOff handOff, String callId) {
        return new HandoffData(TRANSFER, handOff.transferNumber() == null ? null : handOff.transferNumber().value(),
                handOff.reason(), handOff.summary(), callId);
    }

    static HandoffData hangup(String reason, String callId) {
        return new HandoffData(HANGUP, null, reason, null, callId);
    }

    static HandoffData shutdown(String reason, String callId) {
        return new HandoffData(SHUTDOWN, null, reason, null, callId);
    }

    String toJson(JsonMapper json) {
        var map = new LinkedHashMap<String, Object>();
        map.put("action", action);
        if (transferNumber != null) map.put("transferNumber", transferNumber);
        if (reason != null) map.put("reason", reason);
        if (summary != null) map.put("summary", summary);
        if (callId != null) map.put("callId", callId);
        try {
            return new String(json.writeValueAsBytes(map), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code null} when the text is absent or not ours */
    static HandoffData parse(JsonMapper json, String text) {
        if (text == null || text.isBlank()) return null;
        try {
            var node = json.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            if (node == null || !node.isObject()) return null;
            return new HandoffData(string(node, "action"), string(node, "transferNumber"), string(node, "reason"),
                    string(node, "summary"), string(node, "callId"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    Map<String, Object> asEventData() {
        var data = new LinkedHashMap<String, Object>();
        data.put("action", action == null ? "" : action);
        if (transferNumber != null) data.put("transferNumber", transferNumber);
        if (reason != null) data.put("reason", reason);
        return data;
    }

    private static String string(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
