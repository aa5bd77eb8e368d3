package dev.switchboard.vapi.out;

import dev.switchboard.domain.studio.HostedAssistantSpec;
import dev.switchboard.domain.studio.HostedServer;
import dev.switchboard.domain.studio.HostedTool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HostedAssistantSpec} as Vapi's {@code CreateAssistantDTO} / {@code Assistant} JSON
 * (PROTOCOLS.md §9.2), both ways. Nested objects are always written whole, since an update
 * replaces them; the system prompt is the model's first {@code system} message.
 */
public final class VapiAssistantJson {
    static final int SERVER_TIMEOUT_SECONDS = 20;

    private VapiAssistantJson() {}

    public static Map<String, Object> write(HostedAssistantSpec spec) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", spec.name());
        // Vapi keeps a field an update leaves out, so "no first message" is said explicitly.
        body.put("firstMessage", spec.firstMessage() == null ? "" : spec.firstMessage());
        body.put("firstMessageMode", spec.firstMessage() == null ? "assistant-waits-for-user" : "assistant-speaks-first");
        var model = new LinkedHashMap<String, Object>();
        model.put("provider", spec.modelProvider());
        model.put("model", spec.model());
        model.put("temperature", spec.temperature());
        model.put("maxTokens", spec.maxTokens());
        model.put("messages", List.of(Map.of("role", "system", "content", spec.systemPrompt())));
        model.put("tools", spec.tools().stream().map(t -> tool(t, spec.server())).toList());
        body.put("model", model);
        var voice = new LinkedHashMap<String, Object>();
        voice.put("provider", spec.voiceProvider());
        voice.put("voiceId", spec.voiceId());
        if (spec.voiceSpeed() != null) voice.put("speed", spec.voiceSpeed());
        body.put("voice", voice);
        var transcriber = new LinkedHashMap<String, Object>();
        transcriber.put("provider", spec.transcriberProvider());
        transcriber.put("model", spec.transcriberModel());
        transcriber.put("language", spec.transcriberLanguage());
        body.put("transcriber", transcriber);
        if (spec.server() != null) body.put("server", server(spec.server()));
        body.put("serverMessages", spec.serverMessages());
        body.put("metadata", spec.metadata());
        return body;
    }

    /** Vapi's server object: URL, timeout, and the shared secret as a static {@code X-Vapi-Secret} header. */
    public static Map<String, Object> server(HostedServer server) {
        var out = new LinkedHashMap<String, Object>();
        out.put("url", server.url());
        out.put("timeoutSeconds", SERVER_TIMEOUT_SECONDS);
        if (server.secret() != null) out.put("headers", Map.of(HostedServer.SECRET_HEADER, server.secret()));
        return out;
    }

    private static Map<String, Object> tool(HostedTool tool, HostedServer server) {
        var out = new LinkedHashMap<String, Object>();
        if (tool instanceof HostedTool.Function f) {
            out.put("type", "function");
            out.put("async", false);
            out.put("function", Map.of("name", f.name(), "description", f.description(), "parameters", f.parameters()));
            if (server != null) out.put("server", server(server));
        } else if (tool instanceof HostedTool.TransferCall t) {
            out.put("type", "transferCall");
            out.put("destinations", List.of(Map.of("type", "number", "number", t.number())));
        } else {
            out.put("type", "endCall");
        }
        return out;
    }

    /** What Vapi holds, read leniently: a missing field reads as {@code null}. */
    public static HostedAssistantSpec read(Map<String, Object> body) {
        var model = map(body.get("model"));
        var voice = map(body.get("voice"));
        var transcriber = map(body.get("transcriber"));
        var serverNode = map(body.get("server"));
        String systemPrompt = null;
        for (var message : list(model.get("messages"))) {
            var m = map(message);
            if ("system".equals(m.get("role"))) {
                systemPrompt = text(m.get("content"));
                break;
            }
        }
        var tools = new ArrayList<HostedTool>();
        for (var item : list(model.get("tools"))) {
            var t = map(item);
            var type = text(t.get("type"));
            if ("function".equals(type)) {
                var function = map(t.get("function"));
                tools.add(new HostedTool.Function(text(function.get("name")), text(function.get("description")), map(function.get("parameters"))));
            } else if ("endCall".equals(type)) {
                tools.add(new HostedTool.EndCall());
            } else if ("transferCall".equals(type)) {
                var destinations = list(t.get("destinations"));
                tools.add(new HostedTool.TransferCall(destinations.isEmpty() ? null : text(map(destinations.get(0)).get("number"))));
            }
        }
        HostedServer server = null;
        if (serverNode.get("url") != null)
            server = new HostedServer(text(serverNode.get("url")), text(map(serverNode.get("headers")).get(HostedServer.SECRET_HEADER)));
        var metadata = new LinkedHashMap<String, String>();
        map(body.get("metadata")).forEach((k, v) -> {
            if (v != null) metadata.put(k, String.valueOf(v));
        });
        var firstMessage = text(body.get("firstMessage"));
        return new HostedAssistantSpec(text(body.get("name")), firstMessage == null || firstMessage.isEmpty() ? null : firstMessage,
                text(model.get("provider")), text(model.get("model")), number(model.get("temperature")),
                integer(model.get("maxTokens")), systemPrompt, text(voice.get("provider")), text(voice.get("voiceId")),
                number(voice.get("speed")), text(transcriber.get("provider")), text(transcriber.get("model")),
                text(transcriber.get("language")), tools, server,
                list(body.get("serverMessages")).stream().map(String::valueOf).toList(), metadata);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static Integer integer(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
