package dev.switchboard.app.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request bodies the API tests send. */
final class Bodies {
    private Bodies() {}

    static Map<String, Object> assistant(String name) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        body.put("systemPrompt", "You answer the phone for a hair salon.");
        body.put("firstMessage", "Bonjour !");
        body.put("language", "fr-FR");
        body.put("voice", Map.of("provider", "elevenlabs", "voiceId", "voice-1", "speed", 1.1));
        body.put("model", Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "temperature", 0.2, "maxTokens", 300));
        body.put("tools", List.of("book_appointment", "transfer_to_human"));
        body.put("dtmfPolicy", Map.of("0", "transfer_to_human", "9", "end_call"));
        body.put("transferNumber", "+33142000000");
        body.put("interruptible", "speech");
        body.put("runtime", "relay");
        return body;
    }

    static Map<String, Object> number(String e164, String assistantId) {
        var body = new HashMap<String, Object>();
        body.put("number", e164);
        body.put("label", "Front desk");
        if (assistantId != null) body.put("assistantId", assistantId);
        return body;
    }
}
