package dev.switchboard.llm.realtime;

import dev.switchboard.domain.modelcall.VoiceModelFailure;
import dev.switchboard.domain.modelcall.ModelUsage;
import dev.switchboard.domain.modelcall.MuLawChunk;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import dev.switchboard.domain.modelcall.VoiceSession;
import dev.switchboard.domain.modelcall.VoiceSessionRequest;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolDefinition;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's Realtime socket (PROTOCOLS.md §10.2–10.5). On open it sends {@code session.update}
 * (μ-law both ways, server VAD with {@code interrupt_response}, input transcription, the voice,
 * every tool), then the caller audio that arrived meanwhile — buffered, in order, never dropped —
 * and, when the assistant has a first message, a {@code response.create} to say it. Sends are
 * chained (a socket that completes each send at once, as {@link RealtimeSockets} does, leaves no
 * chain). Server events are handed to the listener in order, on the socket's event loop.
 */
final class OpenAiRealtimeSession implements VoiceSession, WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRealtimeSession.class);
    /** Error types after which the session is not worth keeping (the rest are recoverable per §10.4). */
    private static final List<String> FATAL_ERRORS = List.of("server_error", "authentication_error", "invalid_api_key", "session_expired");

    private final VoiceSessionRequest request;
    private final VoiceModelListener listener;
    private final JsonMapper json;
    private final RealtimeProperties properties;
    /** Where the listener hears of a failure the socket reported: it hands the call off (Twilio's REST API), which must not run on the socket's event loop. */
    private final Executor failures;
    private final List<MuLawChunk> pending = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    /** What the current response produced, for an estimate when OpenAI reports no usage; confined to the listener. */
    private long responseAudioBytes;
    private long responseChars;
    private WebSocket socket;
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private boolean open;
    private volatile boolean closing;
    private volatile boolean failed;
    private boolean ready;

    OpenAiRealtimeSession(VoiceSessionRequest request, VoiceModelListener listener, JsonMapper json, RealtimeProperties properties,
                          Executor failures) {
        this.failures = failures;
        this.request = request;
        this.listener = listener;
        this.json = json;
        this.properties = properties;
    }

    void noKey(String detail) {
        fail(VoiceModelFailure.Kind.NO_KEY, detail, false);
    }

    void connect(RealtimeSockets sockets, String key) {
        var uri = URI.create(properties.realtimeUrl() + (properties.realtimeUrl().contains("?") ? "&" : "?") + "model="
                + URLEncoder.encode(request.model(), StandardCharsets.UTF_8));
        sockets.open(uri, Map.of("Authorization", "Bearer " + key), properties.realtimeConnectTimeout(), request.audioThread(), this)
                .whenComplete((ws, error) -> {
                    if (error != null) connectFailed(error);
                });
    }

    private void connectFailed(Throwable error) {
        var cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RealtimeSockets.HandshakeRefused h) {
            int status = h.status;
            var kind = status == 401 || status == 403 ? VoiceModelFailure.Kind.REFUSED : VoiceModelFailure.Kind.UNREACHABLE;
            fail(kind, "handshake answered HTTP " + status, true);
        } else if (cause instanceof HttpTimeoutException) {
            fail(VoiceModelFailure.Kind.UNREACHABLE, "no connection within " + properties.realtimeConnectTimeout(), true);
        } else {
            fail(VoiceModelFailure.Kind.UNREACHABLE, cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), true);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        List<MuLawChunk> buffered;
        synchronized (this) {
            socket = webSocket;
            if (closing) {
                // The call ended while this socket was still opening (a slow connect under load): close() found no
                // socket to close then, and nothing else would close it later — each such call left a live session
                // at the provider. Close it now, without configuring a session for nobody.
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "call ended").exceptionally(x -> null);
                return;
            }
            open = true;
            send(sessionUpdate());
            buffered = new ArrayList<>(pending);
            pending.clear();
            for (var frame : buffered) sendText(append(frame));
            if (request.firstMessage() != null) {
                var response = new LinkedHashMap<String, Object>();
                response.put("instructions", "Greet the caller by saying exactly: " + request.firstMessage());
                send(Map.of("type", "response.create", "response", response));
            }
        }
        // On the timeline between model.connecting and model.ready: splits a slow start into connection and provider.
        var details = new LinkedHashMap<String, Object>();
        details.put("provider", "openai");
        details.put("heldFrames", buffered.size());
        listener.connected(details);
        webSocket.request(1);
    }

    private Map<String, Object> sessionUpdate() {
        var turnDetection = new LinkedHashMap<String, Object>();
        turnDetection.put("type", "server_vad");
        turnDetection.put("threshold", 0.5);
        turnDetection.put("prefix_padding_ms", 300);
        turnDetection.put("silence_duration_ms", 500);
        turnDetection.put("create_response", true);
        turnDetection.put("interrupt_response", true);
        var input = new LinkedHashMap<String, Object>();
        input.put("format", Map.of("type", "audio/pcmu"));
        input.put("turn_detection", turnDetection);
        input.put("transcription", Map.of("model", properties.transcriptionModel()));
        var output = new LinkedHashMap<String, Object>();
        output.put("format", Map.of("type", "audio/pcmu"));
        output.put("voice", request.voice());
        var session = new LinkedHashMap<String, Object>();
        session.put("type", "realtime");
        session.put("model", request.model());
        session.put("instructions", request.instructions());
        session.put("output_modalities", List.of("audio"));
        session.put("audio", Map.of("input", input, "output", output));
        session.put("tools", request.tools().stream().map(OpenAiRealtimeSession::tool).toList());
        session.put("tool_choice", "auto");
        return Map.of("type", "session.update", "session", session);
    }

    private static Map<String, Object> tool(ToolDefinition definition) {
        var tool = new LinkedHashMap<String, Object>();
        tool.put("type", "function");
        tool.put("name", definition.name());
        tool.put("description", definition.description());
        tool.put("parameters", definition.parameters());
        return tool;
    }

    /** Written by hand, fifty times a second: base64 needs no escaping, and the mapper would only copy it. */
    private static String append(MuLawChunk mulaw) {
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + mulaw.base64() + "\"}";
    }

    @Override
    public void callerAudio(byte[] mulaw) {
        callerAudio(MuLawChunk.of(mulaw.clone()));
    }

    /** Twilio's base64 goes into {@code input_audio_buffer.append} as it is: both carry μ-law. */
    @Override
    public void callerAudio(MuLawChunk mulaw) {
        synchronized (this) {
            if (closing || failed) return;
            if (!open) pending.add(mulaw);
            else sendText(append(mulaw));
        }
    }

    @Override
    public void agentCutAt(String itemId, long heardMillis) {
        var truncate = new LinkedHashMap<String, Object>();
        truncate.put("type", "conversation.item.truncate");
        truncate.put("item_id", itemId);
        truncate.put("content_index", 0);
        truncate.put("audio_end_ms", Math.max(0, heardMillis));
        synchronized (this) {
            send(truncate);
        }
    }

    @Override
    public void toolResult(String callId, String output) {
        var item = new LinkedHashMap<String, Object>();
        item.put("type", "function_call_output");
        item.put("call_id", callId);
        item.put("output", output == null ? "" : output);
        synchronized (this) {
            send(Map.of("type", "conversation.item.create", "item", item));
            send(Map.of("type", "response.create"));
        }
    }

    @Override
    public void close() {
        WebSocket ws;
        synchronized (this) {
            if (closing) return;
            closing = true;
            ws = socket;
        }
        if (ws != null) sends.whenComplete((v, e) -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "call ended").exceptionally(x -> null));
    }

    /** Chains one frame after the previous one; must hold the monitor. */
    private void send(Map<String, ?> event) {
        if (socket == null || closing) return;
        try {
            sendText(json.writeValueAsString(event));
        } catch (IOException e) {
            throw new IllegalStateException("could not write a Realtime event", e);
        }
    }

    /**
     * Chains one written event after the previous one; must hold the monitor. When the previous
     * send is done (the usual case), this one starts at once, without a link in the chain.
     */
    private void sendText(String text) {
        if (socket == null || closing) return;
        var ws = socket;
        var previous = sends;
        if (!previous.isDone()) {
            sends = previous.thenCompose(v -> ws.sendText(text, true)).exceptionally(e -> null);
            return;
        }
        try {
            sends = ws.sendText(text, true).exceptionally(e -> null);
        } catch (RuntimeException closed) {
            sends = CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (last) {
            String text;
            if (partial.isEmpty()) text = data.toString();
            else {
                text = partial.append(data).toString();
                partial.setLength(0);
            }
            try {
                if (!agentAudio(text)) handle(json.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class));
            } catch (IOException | RuntimeException e) {
                LOG.warn("unreadable Realtime event ignored: {}", e.toString());
            }
        } else {
            partial.append(data);
        }
        webSocket.request(1);
        return null;
    }

    /**
     * The quick way for the most frequent event, {@code response.output_audio.delta}: a flat
     * object whose {@code delta} (base64 μ-law) goes to the caller as it is, without a tree and
     * without a decode. Anything else, or a delta the quick look cannot read, is left to {@link #handle}.
     *
     * @return whether the event was handled
     */
    private boolean agentAudio(String text) {
        if (text.indexOf('{', 1) >= 0 || !"response.output_audio.delta".equals(PlainJsonField.of(text, "type"))) return false;
        var delta = PlainJsonField.of(text, "delta");
        var itemId = PlainJsonField.of(text, "item_id");
        if (delta == null || itemId == null) return false;
        var audio = MuLawChunk.ofBase64(delta);
        responseAudioBytes += audio.length();
        listener.agentAudio(itemId, audio);
        return true;
    }

    private void handle(JsonNode event) {
        var type = text(event, "type");
        if (type == null) return;
        switch (type) {
            case "session.updated" -> {
                boolean first;
                synchronized (this) {
                    first = !ready;
                    ready = true;
                }
                if (first) {
                    var details = new LinkedHashMap<String, Object>();
                    details.put("provider", "openai");
                    details.put("model", request.model());
                    listener.ready(details);
                }
            }
            case "response.output_audio.delta" -> {
                var delta = text(event, "delta");
                if (delta != null) {
                    var audio = MuLawChunk.ofBase64(delta);
                    responseAudioBytes += audio.length();
                    listener.agentAudio(text(event, "item_id"), audio);
                }
            }
            case "response.output_audio_transcript.done" -> {
                var transcript = text(event, "transcript");
                if (transcript != null) responseChars += transcript.length();
                listener.agentSaid(text(event, "item_id"), transcript);
            }
            case "response.done" -> responseDone(event.get("response"));
            case "input_audio_buffer.speech_started" -> listener.callerStartedSpeaking(text(event, "item_id"));
            case "conversation.item.input_audio_transcription.completed" -> listener.callerSaid(text(event, "item_id"), text(event, "transcript"));
            case "response.function_call_arguments.done" -> toolCall(event);
            case "error" -> {
                var error = event.get("error");
                var code = error == null ? null : firstNonNull(text(error, "code"), text(error, "type"));
                var message = error == null ? "" : text(error, "message");
                var errorType = error == null ? null : text(error, "type");
                if (FATAL_ERRORS.contains(errorType) || FATAL_ERRORS.contains(code)) fail(VoiceModelFailure.Kind.ERRORED, code + ": " + message, true);
                else listener.problem(code, message);
            }
            default -> { }
        }
    }

    /**
     * What the response cost: {@code response.usage.output_tokens} as OpenAI reports it; without
     * it, an estimate of 20 tokens per second of audio (our assumption, OpenAI publishes no
     * rate) plus a token per four characters of words and tool arguments.
     */
    private void responseDone(JsonNode response) {
        var usage = response == null ? null : response.get("usage");
        var reported = usage == null ? null : usage.get("output_tokens");
        long audioMs = responseAudioBytes / 8;
        long chars = responseChars;
        responseAudioBytes = 0;
        responseChars = 0;
        if (reported != null && reported.isNumber()) listener.used(new ModelUsage(Math.max(0, reported.getLongValue()), false));
        else if (audioMs > 0 || chars > 0) listener.used(new ModelUsage(audioMs * 20 / 1000 + (chars + 3) / 4, true));
    }

    private void toolCall(JsonNode event) {
        var callId = text(event, "call_id");
        var name = text(event, "name");
        var arguments = text(event, "arguments");
        if (arguments != null) responseChars += arguments.length();
        if (callId == null || name == null) return;
        Map<String, Object> parsed;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = arguments == null || arguments.isBlank() ? Map.of()
                    : json.readValue(arguments.getBytes(StandardCharsets.UTF_8), Map.class);
            parsed = map;
        } catch (IOException | RuntimeException e) {
            toolResult(callId, "Error: the arguments were not a JSON object. Call " + name + " again with valid JSON arguments.");
            return;
        }
        listener.toolCall(new ToolCall(callId, name, parsed));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closing) fail(VoiceModelFailure.Kind.CLOSED, "closed by OpenAI: " + statusCode + (reason == null || reason.isBlank() ? "" : " " + reason), true);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closing) fail(VoiceModelFailure.Kind.CLOSED, "connection lost: " + error.getClass().getSimpleName(), true);
    }

    /** @param fromSocket reported on the socket's thread: the listener hears of it on {@link #failures} */
    private void fail(VoiceModelFailure.Kind kind, String detail, boolean fromSocket) {
        synchronized (this) {
            if (failed || closing) return;
            failed = true;
        }
        var ws = socket;
        if (ws != null && !ws.isOutputClosed()) ws.abort();
        var failure = new VoiceModelFailure(kind, detail);
        if (!fromSocket) {
            listener.failed(failure);
            return;
        }
        FailureHandOff.tell(failures, listener, failure);
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
