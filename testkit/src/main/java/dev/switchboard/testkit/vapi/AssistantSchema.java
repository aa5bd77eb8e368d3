package dev.switchboard.testkit.vapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Vapi's validation of an assistant body ({@code CreateAssistantDTO} / {@code UpdateAssistantDTO},
 * PROTOCOLS.md §9.1–9.2), nested objects included: unknown properties, wrong types, values out of
 * an enum or a range each give one message in the words NestJS's class-validator uses, with the
 * property's path ({@code model.tools.0.function.name must be a string}).
 *
 * <p>Only what PROTOCOLS.md documents is enforced. Inside a function's {@code parameters} (a JSON
 * Schema) only the shape Vapi requires is checked: {@code type: "object"}, {@code properties} as
 * an object of schemas each with a {@code type}, {@code required} as strings.
 */
final class AssistantSchema {
    static final Set<String> FIELDS = Set.of("name", "firstMessage", "firstMessageMode", "firstMessageInterruptionsEnabled",
            "model", "voice", "transcriber", "server", "serverMessages", "clientMessages", "metadata", "endCallMessage",
            "endCallPhrases", "voicemailMessage", "maxDurationSeconds", "backgroundSound", "analysisPlan", "artifactPlan");
    static final Set<String> FIRST_MESSAGE_MODES = Set.of("assistant-speaks-first",
            "assistant-speaks-first-with-model-generated-message", "assistant-waits-for-user");
    static final Set<String> MODEL_PROVIDERS = Set.of("openai", "anthropic", "anthropic-bedrock", "google", "groq", "custom-llm",
            "openrouter", "together-ai", "deep-seek", "xai", "cerebras", "deepinfra", "perplexity-ai", "anyscale",
            "inflection-ai", "minimax", "vapi");
    static final Set<String> MODEL_FIELDS = Set.of("provider", "model", "temperature", "maxTokens", "messages", "tools", "toolIds",
            "knowledgeBase", "emotionRecognitionEnabled", "numFastTurns");
    static final Set<String> MESSAGE_ROLES = Set.of("system", "user", "assistant", "tool", "function");
    static final Set<String> VOICE_PROVIDERS = Set.of("11labs", "openai", "deepgram", "cartesia", "azure", "playht", "rime-ai",
            "lmnt", "neuphonic", "hume", "smallest-ai", "minimax", "inworld", "sesame", "wellsaid", "tavus", "xai", "microsoft",
            "vapi", "custom-voice");
    /** Providers whose voice takes no {@code speed} (PROTOCOLS.md §9.2). */
    static final Set<String> VOICES_WITHOUT_SPEED = Set.of("cartesia", "deepgram");
    static final Set<String> VOICE_FIELDS = Set.of("provider", "voiceId", "speed", "model", "language", "cachingEnabled",
            "chunkPlan", "fallbackPlan");
    static final Set<String> ELEVENLABS_FIELDS = Set.of("stability", "similarityBoost", "style", "useSpeakerBoost",
            "optimizeStreamingLatency");
    static final Set<String> TRANSCRIBER_PROVIDERS = Set.of("deepgram", "google", "azure", "assembly-ai", "gladia",
            "speechmatics", "talkscriber", "openai", "11labs", "cartesia", "soniox", "xai", "vapi", "custom-transcriber");
    static final Set<String> TRANSCRIBER_FIELDS = Set.of("provider", "model", "language");
    static final Set<String> DEEPGRAM_FIELDS = Set.of("smartFormat", "numerals", "keywords", "keyterm", "endpointing",
            "confidenceThreshold");
    /** Deepgram's language codes as Vapi lists them: a BCP-47 tag such as {@code fr-FR} is not one. */
    static final Set<String> DEEPGRAM_LANGUAGES = Set.of("bg", "ca", "cs", "da", "da-DK", "de", "de-CH", "el", "en", "en-AU",
            "en-GB", "en-IN", "en-NZ", "en-US", "es", "es-419", "es-LATAM", "et", "fi", "fr", "fr-CA", "hi", "hi-Latn", "hu", "id",
            "it", "ja", "ko", "ko-KR", "lt", "lv", "ms", "multi", "nl", "nl-BE", "no", "pl", "pt", "pt-BR", "pt-PT", "ro", "ru",
            "sk", "sv", "sv-SE", "ta", "taq", "th", "th-TH", "tr", "uk", "vi", "zh", "zh-CN", "zh-HK", "zh-Hans", "zh-Hant",
            "zh-TW");
    static final Set<String> SERVER_FIELDS = Set.of("url", "timeoutSeconds", "credentialId", "headers", "backoffPlan",
            "staticIpAddressesEnabled");
    /** What {@code serverMessages} accepts (PROTOCOLS.md §8.1, §8.4): not every type Vapi sends is subscribable. */
    static final Set<String> SERVER_MESSAGES = Set.of("conversation-update", "end-of-call-report", "function-call", "hang",
            "language-changed", "language-change-detected", "model-output", "phone-call-control", "speech-update",
            "status-update", "transcript", "transcript[transcriptType=\"final\"]", "tool-calls", "transfer-destination-request",
            "handoff-destination-request", "transfer-update", "user-interrupted", "voice-input", "chat.created", "chat.deleted",
            "session.created", "session.updated", "session.deleted", "call.deleted", "call.delete.failed",
            "assistant.started", "assistant.speechStarted", "knowledge-base-request", "voice-request",
            "call.endpointing.request");
    static final Set<String> TOOL_TYPES = Set.of("function", "endCall", "transferCall", "dtmf", "sms", "query", "apiRequest",
            "mcp", "handoff", "voicemail");
    static final Set<String> FUNCTION_TOOL_FIELDS = Set.of("type", "async", "function", "server", "messages", "rejectionPlan",
            "variableExtractionPlan");
    static final Set<String> BUILT_IN_TOOL_FIELDS = Set.of("type", "function", "server", "messages", "rejectionPlan");
    static final Set<String> FUNCTION_FIELDS = Set.of("name", "description", "strict", "parameters");
    static final Pattern FUNCTION_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    static final Set<String> SCHEMA_TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");
    static final Set<String> TOOL_MESSAGE_TYPES = Set.of("request-start", "request-complete", "request-failed",
            "request-response-delayed");
    static final Set<String> DESTINATION_NUMBER_FIELDS = Set.of("type", "number", "extension", "message", "description",
            "numberE164CheckEnabled", "callerId", "transferPlan");
    static final Set<String> DESTINATION_SIP_FIELDS = Set.of("type", "sipUri", "message", "description", "sipHeaders",
            "transferPlan");
    static final Set<String> DESTINATION_ASSISTANT_FIELDS = Set.of("type", "assistantName", "message", "description",
            "transferMode");
    static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{1,14}$");

    private final List<String> problems = new ArrayList<>();

    private AssistantSchema() {}

    /** Every problem Vapi would name for this body, in document order; empty when Vapi accepts it. */
    static List<String> problems(JsonNode body) {
        var schema = new AssistantSchema();
        if (body == null || !body.isObject()) return List.of("body must be an object");
        schema.assistant(body);
        return List.copyOf(schema.problems);
    }

    /** The problems of a {@code server} object alone (a phone number's, say). */
    static List<String> server(JsonNode server) {
        var schema = new AssistantSchema();
        schema.server("server", server);
        return List.copyOf(schema.problems);
    }

    private void assistant(JsonNode body) {
        unknown("", body, FIELDS);
        string("name", body.get("name"), false, 40);
        string("firstMessage", body.get("firstMessage"), false, Integer.MAX_VALUE);
        oneOf("firstMessageMode", body.get("firstMessageMode"), FIRST_MESSAGE_MODES, false);
        bool("firstMessageInterruptionsEnabled", body.get("firstMessageInterruptionsEnabled"));
        string("endCallMessage", body.get("endCallMessage"), false, 1000);
        string("voicemailMessage", body.get("voicemailMessage"), false, 1000);
        strings("endCallPhrases", body.get("endCallPhrases"), null);
        number("maxDurationSeconds", body.get("maxDurationSeconds"), 10, 43200, false);
        strings("serverMessages", body.get("serverMessages"), SERVER_MESSAGES);
        strings("clientMessages", body.get("clientMessages"), null);
        object("metadata", body.get("metadata"));
        if (body.has("model")) model(body.get("model"));
        if (body.has("voice")) voice(body.get("voice"));
        if (body.has("transcriber")) transcriber(body.get("transcriber"));
        if (body.has("server")) server("server", body.get("server"));
    }

    private void model(JsonNode model) {
        if (!object("model", model)) return;
        unknown("model.", model, MODEL_FIELDS);
        oneOf("model.provider", model.get("provider"), MODEL_PROVIDERS, true);
        string("model.model", model.get("model"), true, 200);
        number("model.temperature", model.get("temperature"), 0, 2, false);
        number("model.maxTokens", model.get("maxTokens"), 50, 10000, true);
        strings("model.toolIds", model.get("toolIds"), null);
        bool("model.emotionRecognitionEnabled", model.get("emotionRecognitionEnabled"));
        number("model.numFastTurns", model.get("numFastTurns"), 0, Double.MAX_VALUE, false);
        if (array("model.messages", model.get("messages"))) {
            int i = 0;
            for (var message : model.get("messages")) {
                var path = "model.messages." + i++;
                if (!object(path, message)) continue;
                unknown(path + ".", message, Set.of("role", "content"));
                oneOf(path + ".role", message.get("role"), MESSAGE_ROLES, true);
                string(path + ".content", message.get("content"), false, Integer.MAX_VALUE);
            }
        }
        if (array("model.tools", model.get("tools"))) {
            int i = 0;
            for (var tool : model.get("tools")) tool("model.tools." + i++, tool);
        }
    }

    private void tool(String path, JsonNode tool) {
        if (!object(path, tool)) return;
        if (!oneOf(path + ".type", tool.get("type"), TOOL_TYPES, true)) return;
        var type = tool.get("type").asText();
        switch (type) {
            case "function" -> {
                unknown(path + ".", tool, FUNCTION_TOOL_FIELDS);
                bool(path + ".async", tool.get("async"));
                if (tool.get("function") == null) problems.add(path + ".function should not be empty");
                else function(path + ".function", tool.get("function"));
            }
            case "transferCall" -> {
                var fields = new java.util.HashSet<>(BUILT_IN_TOOL_FIELDS);
                fields.add("destinations");
                unknown(path + ".", tool, fields);
                if (tool.has("function")) function(path + ".function", tool.get("function"));
                if (array(path + ".destinations", tool.get("destinations"))) {
                    int i = 0;
                    for (var destination : tool.get("destinations")) destination(path + ".destinations." + i++, destination);
                }
            }
            default -> {
                unknown(path + ".", tool, BUILT_IN_TOOL_FIELDS);
                if (tool.has("function")) function(path + ".function", tool.get("function"));
            }
        }
        if (tool.has("server")) server(path + ".server", tool.get("server"));
        if (array(path + ".messages", tool.get("messages"))) {
            int i = 0;
            for (var message : tool.get("messages")) {
                var at = path + ".messages." + i++;
                if (!object(at, message)) continue;
                unknown(at + ".", message, Set.of("type", "content", "conditions", "contents", "blocking", "timingMilliseconds"));
                oneOf(at + ".type", message.get("type"), TOOL_MESSAGE_TYPES, true);
                string(at + ".content", message.get("content"), false, 1000);
            }
        }
    }

    private void function(String path, JsonNode function) {
        if (!object(path, function)) return;
        unknown(path + ".", function, FUNCTION_FIELDS);
        if (string(path + ".name", function.get("name"), true, 64) && !FUNCTION_NAME.matcher(function.get("name").asText()).matches())
            problems.add(path + ".name must match /^[a-zA-Z0-9_-]{1,64}$/ regular expression");
        string(path + ".description", function.get("description"), false, 1000);
        bool(path + ".strict", function.get("strict"));
        var parameters = function.get("parameters");
        if (parameters == null || !object(path + ".parameters", parameters)) return;
        if (!"object".equals(parameters.path("type").asText(null)))
            problems.add(path + ".parameters.type must be one of the following values: object");
        var properties = parameters.get("properties");
        if (properties != null && object(path + ".parameters.properties", properties)) {
            properties.fields().forEachRemaining(p -> {
                var at = path + ".parameters.properties." + p.getKey();
                if (object(at, p.getValue())) oneOf(at + ".type", p.getValue().get("type"), SCHEMA_TYPES, true);
            });
        }
        strings(path + ".parameters.required", parameters.get("required"), null);
    }

    private void destination(String path, JsonNode destination) {
        if (!object(path, destination)) return;
        if (!oneOf(path + ".type", destination.get("type"), Set.of("number", "sip", "assistant"), true)) return;
        switch (destination.get("type").asText()) {
            case "number" -> {
                unknown(path + ".", destination, DESTINATION_NUMBER_FIELDS);
                if (string(path + ".number", destination.get("number"), true, 40)
                        && !E164.matcher(destination.get("number").asText()).matches()
                        && !destination.path("numberE164CheckEnabled").isBoolean())
                    problems.add(path + ".number must be a valid phone number in the E.164 format");
                string(path + ".extension", destination.get("extension"), false, 10);
                string(path + ".message", destination.get("message"), false, 1000);
                string(path + ".description", destination.get("description"), false, 1000);
                bool(path + ".numberE164CheckEnabled", destination.get("numberE164CheckEnabled"));
            }
            case "sip" -> {
                unknown(path + ".", destination, DESTINATION_SIP_FIELDS);
                string(path + ".sipUri", destination.get("sipUri"), true, 1000);
            }
            default -> {
                unknown(path + ".", destination, DESTINATION_ASSISTANT_FIELDS);
                string(path + ".assistantName", destination.get("assistantName"), true, 40);
            }
        }
    }

    private void voice(JsonNode voice) {
        if (!object("voice", voice)) return;
        if (!oneOf("voice.provider", voice.get("provider"), VOICE_PROVIDERS, true)) {
            unknown("voice.", voice, VOICE_FIELDS);
            return;
        }
        var provider = voice.get("provider").asText();
        var fields = new java.util.HashSet<>(VOICE_FIELDS);
        if (provider.equals("11labs")) fields.addAll(ELEVENLABS_FIELDS);
        if (VOICES_WITHOUT_SPEED.contains(provider)) fields.remove("speed");
        unknown("voice.", voice, fields);
        if (!provider.equals("custom-voice")) string("voice.voiceId", voice.get("voiceId"), true, 200);
        if (fields.contains("speed")) {
            if (provider.equals("11labs")) number("voice.speed", voice.get("speed"), 0.7, 1.2, false);
            else number("voice.speed", voice.get("speed"), 0.25, 4, false);
        }
        string("voice.model", voice.get("model"), false, 200);
        string("voice.language", voice.get("language"), false, 20);
        bool("voice.cachingEnabled", voice.get("cachingEnabled"));
        number("voice.stability", voice.get("stability"), 0, 1, false);
        number("voice.similarityBoost", voice.get("similarityBoost"), 0, 1, false);
        number("voice.style", voice.get("style"), 0, 1, false);
        bool("voice.useSpeakerBoost", voice.get("useSpeakerBoost"));
        number("voice.optimizeStreamingLatency", voice.get("optimizeStreamingLatency"), 0, 4, true);
    }

    private void transcriber(JsonNode transcriber) {
        if (!object("transcriber", transcriber)) return;
        if (!oneOf("transcriber.provider", transcriber.get("provider"), TRANSCRIBER_PROVIDERS, true)) {
            unknown("transcriber.", transcriber, TRANSCRIBER_FIELDS);
            return;
        }
        var deepgram = transcriber.get("provider").asText().equals("deepgram");
        var fields = new java.util.HashSet<>(TRANSCRIBER_FIELDS);
        if (deepgram) fields.addAll(DEEPGRAM_FIELDS);
        unknown("transcriber.", transcriber, fields);
        string("transcriber.model", transcriber.get("model"), false, 200);
        if (deepgram) {
            oneOf("transcriber.language", transcriber.get("language"), DEEPGRAM_LANGUAGES, false);
            bool("transcriber.smartFormat", transcriber.get("smartFormat"));
            bool("transcriber.numerals", transcriber.get("numerals"));
            strings("transcriber.keywords", transcriber.get("keywords"), null);
            strings("transcriber.keyterm", transcriber.get("keyterm"), null);
            number("transcriber.endpointing", transcriber.get("endpointing"), 10, 500, false);
            number("transcriber.confidenceThreshold", transcriber.get("confidenceThreshold"), 0, 1, false);
        } else {
            string("transcriber.language", transcriber.get("language"), false, 20);
        }
    }

    private void server(String path, JsonNode server) {
        if (!object(path, server)) return;
        unknown(path + ".", server, SERVER_FIELDS);
        if (string(path + ".url", server.get("url"), true, 2048)) {
            var url = server.get("url").asText();
            if (!url.startsWith("https://") && !url.startsWith("http://")) problems.add(path + ".url must be a URL address");
        }
        number(path + ".timeoutSeconds", server.get("timeoutSeconds"), 1, 300, false);
        string(path + ".credentialId", server.get("credentialId"), false, 200);
        bool(path + ".staticIpAddressesEnabled", server.get("staticIpAddressesEnabled"));
        var headers = server.get("headers");
        if (headers != null && object(path + ".headers", headers)) {
            headers.fields().forEachRemaining(h -> {
                if (!h.getValue().isTextual()) problems.add(path + ".headers." + h.getKey() + " must be a string");
            });
        }
    }

    // --- class-validator's checks, each adding its message when it fails ---

    /** Top level: {@code property x should not exist}; nested: {@code model.property x should not exist}. */
    private void unknown(String prefix, JsonNode node, Set<String> allowed) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) problems.add(prefix + "property " + f + " should not exist");
        });
    }

    private boolean object(String path, JsonNode node) {
        if (node == null) return false;
        if (node.isObject()) return true;
        problems.add(path + " must be an object");
        return false;
    }

    private boolean array(String path, JsonNode node) {
        if (node == null) return false;
        if (node.isArray()) return true;
        problems.add(path + " must be an array");
        return false;
    }

    private boolean string(String path, JsonNode node, boolean required, int maxLength) {
        if (node == null || node.isNull()) {
            if (required) problems.add(path + " should not be empty");
            return false;
        }
        if (!node.isTextual()) {
            problems.add(path + " must be a string");
            return false;
        }
        if (node.asText().length() > maxLength) {
            problems.add(path + " must be shorter than or equal to " + maxLength + " characters");
            return false;
        }
        return true;
    }

    private boolean oneOf(String path, JsonNode node, Set<String> values, boolean required) {
        if (!string(path, node, required, Integer.MAX_VALUE)) return false;
        if (values.contains(node.asText())) return true;
        problems.add(path + " must be one of the following values: " + String.join(", ", new java.util.TreeSet<>(values)));
        return false;
    }

    private void bool(String path, JsonNode node) {
        if (node != null && !node.isNull() && !node.isBoolean()) problems.add(path + " must be a boolean value");
    }

    private void number(String path, JsonNode node, double min, double max, boolean integer) {
        if (node == null || node.isNull()) return;
        if (!node.isNumber() || (integer && !node.canConvertToExactIntegral())) {
            problems.add(path + (integer ? " must be an integer number" : " must be a number conforming to the specified constraints"));
            return;
        }
        if (node.asDouble() < min) problems.add(path + " must not be less than " + trim(min));
        if (node.asDouble() > max) problems.add(path + " must not be greater than " + trim(max));
    }

    private void strings(String path, JsonNode node, Set<String> values) {
        if (node == null || node.isNull()) return;
        if (!array(path, node)) return;
        for (var item : node) {
            if (!item.isTextual()) {
                problems.add("each value in " + path + " must be a string");
                return;
            }
            if (values != null && !values.contains(item.asText())) {
                problems.add("each value in " + path + " must be one of the following values: " + String.join(", ",
                        new java.util.TreeSet<>(values)));
                return;
            }
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
