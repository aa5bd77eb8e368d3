package dev.switchboard.llm.realtime;

import dev.switchboard.domain.modelcall.VoiceModelFailure;
import dev.switchboard.domain.modelcall.ModelUsage;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import dev.switchboard.domain.modelcall.VoiceSession;
import dev.switchboard.domain.modelcall.VoiceSessionRequest;
import dev.switchboard.domain.tool.ToolCall;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's Gemini Live socket (PROTOCOLS.md §12). On open it sends {@code setup} (the model with
 * its {@code models/} prefix, audio out in the assistant's voice, the assembled instructions, every
 * tool as a function declaration, both transcriptions on); caller audio is transcoded to 16 kHz
 * PCM as it arrives and held until {@code setupComplete}, then sent in order — never dropped. The
 * model's 24 kHz PCM comes back as 8 kHz μ-law in 20 ms frames.
 *
 * <p>Gemini has no item ids: each model turn gets one ({@code turn-N}, ended by
 * {@code turnComplete}, a tool call or {@code interrupted}), and each caller turn one
 * ({@code caller-N}). Transcriptions arrive in pieces and are joined per turn; the caller's words
 * are stored when the model next speaks (or calls a tool), so they come before its answer.
 * {@code interrupted} is Gemini's barge-in: queued agent audio is dropped and the domain clears the
 * line and cuts the stored message. Server messages come as JSON in binary frames (text accepted
 * too). The socket is {@link RealtimeSockets}': its events arrive on one event loop, in order, and its
 * sends go out in the order they were made.
 */
final class GeminiLiveSession implements VoiceSession, WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiLiveSession.class);

    private final VoiceSessionRequest request;
    private final VoiceModelListener listener;
    private final JsonMapper json;
    private final GeminiLiveProperties properties;
    /** Where the call is handed off when the session fails: never a socket's event loop (see {@link FailureHandOff}). */
    private final Executor failures;
    /** Guarded by this: the uplink's resampler and the frames waiting for {@code setupComplete}. */
    private final UplinkAudio uplink = new UplinkAudio();
    private final List<byte[]> pending = new ArrayList<>();
    private final Map<String, String> toolNames = new ConcurrentHashMap<>();
    private final Set<String> cancelledTools = ConcurrentHashMap.newKeySet();
    /** The current socket; after a resumption, frames of the one it replaced are ignored. */
    private volatile WebSocket socket;
    /** Gemini's latest {@code sessionResumptionUpdate.newHandle}: what a new socket resumes the session with. */
    private volatile String resumptionHandle;
    /** A {@code goAway} came and a new socket is being set up with the handle; caller audio waits meanwhile. */
    private volatile boolean resuming;
    /** The socket Gemini sent away: its close, whenever it comes, is expected. */
    private volatile WebSocket leaving;
    private RealtimeSockets sockets;
    private String key;
    private boolean ready;
    private volatile boolean setUp;
    private volatile boolean closing;
    private volatile boolean failed;

    /**
     * Held while a message is read and handled: during a resumption the old socket and the new one
     * may run on different event loops, and this keeps the old socket's last message and the new
     * one's first apart.
     */
    private final Object inbound = new Object();
    // Guarded by inbound.
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final DownlinkAudio downlink = new DownlinkAudio();
    private final StringBuilder agentWords = new StringBuilder();
    private final StringBuilder callerWords = new StringBuilder();
    private int agentTurn = 1;
    private int callerTurn = 1;
    private boolean agentTurnStarted;
    /** Usage: Gemini reports its own counts; else our estimate of the turns not yet reported. */
    private boolean providerCounts;
    private long turnAudioBytes;
    private long estimate;

    GeminiLiveSession(VoiceSessionRequest request, VoiceModelListener listener, JsonMapper json, GeminiLiveProperties properties,
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

    /** The key goes in a header, as the official SDK sends it: a URL with {@code ?key=} ends up in access logs. */
    void connect(RealtimeSockets sockets, String key) {
        synchronized (this) {
            this.sockets = sockets;
            this.key = key;
        }
        sockets.open(URI.create(properties.liveUrl()), Map.of("x-goog-api-key", key), properties.connectTimeout(), request.audioThread(), this)
                .whenComplete((ws, error) -> {
                    if (error != null) connectFailed(error);
                });
    }

    private void connectFailed(Throwable error) {
        var cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RealtimeSockets.HandshakeRefused h) {
            int status = h.status;
            var kind = status == 401 || status == 403 ? VoiceModelFailure.Kind.REFUSED : VoiceModelFailure.Kind.UNREACHABLE;
            fail(kind, "handshake answered HTTP " + status);
        } else if (cause instanceof HttpTimeoutException) {
            fail(VoiceModelFailure.Kind.UNREACHABLE, "no connection within " + properties.connectTimeout());
        } else {
            fail(VoiceModelFailure.Kind.UNREACHABLE, cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        WebSocket replaced;
        boolean resumption;
        synchronized (inbound) {
            synchronized (this) {
                if (closing) {
                    // The call ended while this socket was still opening: close() found no socket to close then, and
                    // nothing else would close this one later (a live session left at the provider). Close it now.
                    webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "call ended").exceptionally(x -> null);
                    return;
                }
                replaced = socket;
                resumption = resuming;
                socket = webSocket;
                send(Map.of("setup", setup()));
            }
            // A message of the old socket cut short stays behind with it.
            partial.reset();
        }
        // On the timeline between model.connecting and model.ready, as for OpenAI (a resumed session has its own stage).
        if (!resumption) {
            var details = new java.util.LinkedHashMap<String, Object>();
            details.put("provider", "google");
            listener.connected(details);
        }
        // The old socket's last frames are not wanted any more: the resumed session goes on from Gemini's handle.
        if (resumption && replaced != null && !replaced.isOutputClosed()) replaced.abort();
        // A server that upgrades but never completes the setup would leave the caller in silence.
        CompletableFuture.delayedExecutor(properties.connectTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
            boolean waiting;
            synchronized (this) {
                waiting = resumption ? resuming && socket == webSocket : !setUp;
            }
            if (waiting) fail(VoiceModelFailure.Kind.UNREACHABLE, "no setupComplete within " + properties.connectTimeout()
                    + (resumption ? " (resuming after goAway)" : ""));
        });
        webSocket.request(1);
    }

    /**
     * Gemini is about to end this socket ({@code goAway}): with a resumption handle, a new socket
     * resumes the same session (PROTOCOLS.md §12.4) and the caller hears no break beyond the
     * reconnection; caller audio is held meanwhile and sent once the new socket is set up.
     *
     * @return whether a resumption started (else the caller must be handed on)
     */
    private boolean resume() {
        RealtimeSockets client;
        String apiKey;
        synchronized (this) {
            if (resuming || closing || failed || resumptionHandle == null || sockets == null) return false;
            resuming = true;
            ready = false;
            leaving = socket;
            client = sockets;
            apiKey = key;
        }
        client.open(URI.create(properties.liveUrl()), Map.of("x-goog-api-key", apiKey), properties.connectTimeout(), request.audioThread(), this)
                .whenComplete((ws, error) -> {
                    if (error != null) fail(VoiceModelFailure.Kind.CLOSED, "goAway from Gemini and the session could not be resumed: "
                            + (error.getCause() != null ? error.getCause() : error).getClass().getSimpleName());
                });
        return true;
    }

    private Map<String, Object> setup() {
        var voice = Map.of("voiceConfig", Map.of("prebuiltVoiceConfig", Map.of("voiceName", request.voice())));
        var generation = new LinkedHashMap<String, Object>();
        generation.put("responseModalities", List.of("AUDIO"));
        generation.put("speechConfig", voice);
        generation.put("temperature", request.temperature());
        var setup = new LinkedHashMap<String, Object>();
        setup.put("model", request.model().startsWith("models/") ? request.model() : "models/" + request.model());
        setup.put("generationConfig", generation);
        setup.put("systemInstruction", Map.of("parts", List.of(Map.of("text", request.instructions()))));
        if (!request.tools().isEmpty()) setup.put("tools", List.of(Map.of("functionDeclarations", GeminiTools.declarations(request.tools()))));
        setup.put("realtimeInputConfig", Map.of("automaticActivityDetection", Map.of("disabled", false)));
        setup.put("inputAudioTranscription", Map.of());
        setup.put("outputAudioTranscription", Map.of());
        // Ask for resumption handles, and resume with the latest one when this socket replaces one Gemini sent away.
        var handle = resumptionHandle;
        setup.put("sessionResumption", resuming && handle != null ? Map.of("handle", handle) : Map.of());
        return setup;
    }

    private static Map<String, Object> audio(byte[] pcm) {
        return Map.of("realtimeInput", Map.of("audio", Map.of("mimeType", UplinkAudio.MIME_TYPE, "data", Base64.getEncoder().encodeToString(pcm))));
    }

    @Override
    public void callerAudio(byte[] mulaw) {
        synchronized (this) {
            if (closing || failed) return;
            uplink.write(mulaw, frame -> {
                if (ready) send(audio(frame));
                else pending.add(frame);
            });
        }
    }

    /**
     * Nothing to send: Gemini has no truncate. On {@code interrupted} it keeps in its history only
     * what it had sent before; the stored message is cut to what was heard by the domain.
     */
    @Override
    public void agentCutAt(String itemId, long heardMillis) {
    }

    @Override
    public void toolResult(String callId, String output) {
        if (cancelledTools.remove(callId)) return; // Gemini withdrew the call (the caller interrupted): no answer expected
        var answer = new LinkedHashMap<String, Object>();
        answer.put("id", callId);
        answer.put("name", toolNames.getOrDefault(callId, ""));
        // Gemini wants an object here; by the SDK's convention the result goes under "output".
        answer.put("response", Map.of("output", output == null ? "" : output));
        toolNames.remove(callId);
        synchronized (this) {
            send(Map.of("toolResponse", Map.of("functionResponses", List.of(answer))));
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
        if (ws != null) ws.sendClose(WebSocket.NORMAL_CLOSURE, "call ended").exceptionally(x -> null);
        var old = leaving;
        if (old != null && old != ws && !old.isOutputClosed()) old.abort();
    }

    /** Chains one message after the previous one; must hold the monitor. */
    private void send(Map<String, ?> message) {
        if (socket == null || closing) return;
        String text;
        try {
            text = json.writeValueAsString(message);
        } catch (IOException e) {
            throw new IllegalStateException("could not write a Gemini Live message", e);
        }
        var ws = socket;
        // In order and never throwing: the socket queues each frame on its channel (a failed write is heard as onError).
        ws.sendText(text, true);
    }

    // ---- what Gemini sends ----

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (inbound) {
            if (webSocket != socket) return null; // the socket a resumption replaced
            partial.writeBytes(data.toString().getBytes(StandardCharsets.UTF_8));
            if (last) received();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        var bytes = new byte[data.remaining()];
        data.get(bytes);
        synchronized (inbound) {
            if (webSocket != socket) return null; // the socket a resumption replaced
            partial.writeBytes(bytes);
            if (last) received();
        }
        webSocket.request(1);
        return null;
    }

    private void received() {
        var bytes = partial.toByteArray();
        partial.reset();
        try {
            handle(json.readValue(bytes, JsonNode.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("unreadable Gemini Live message ignored: {}", e.toString());
        }
    }

    private void handle(JsonNode message) {
        if (failed) return;
        if (message.get("setupComplete") != null) setupComplete();
        var usage = message.get("usageMetadata");
        if (usage != null && usage.isObject()) usageReported(usage);
        var content = message.get("serverContent");
        if (content != null) serverContent(content);
        var toolCall = message.get("toolCall");
        if (toolCall != null) toolCall(toolCall);
        var cancellation = message.get("toolCallCancellation");
        if (cancellation != null && cancellation.get("ids") != null)
            for (var id : cancellation.get("ids").values()) if (id.isString()) cancelledTools.add(id.getStringValue());
        var update = message.get("sessionResumptionUpdate");
        if (update != null) {
            var resumable = update.get("resumable");
            var handle = text(update, "newHandle");
            if (handle != null && !handle.isBlank() && (resumable == null || !resumable.isBoolean() || resumable.getBooleanValue()))
                resumptionHandle = handle;
        }
        var goAway = message.get("goAway");
        if (goAway != null && !resume()) {
            // Gemini is about to end the session and gave no handle to resume it: the caller is better handed on now than cut off.
            var left = text(goAway, "timeLeft");
            fail(VoiceModelFailure.Kind.CLOSED, "goAway from Gemini" + (left == null ? "" : ": closing in " + left));
        }
    }

    private void setupComplete() {
        boolean resumed;
        synchronized (this) {
            resumed = resuming;
            if (resumed) {
                // The session goes on where it was: no second greeting; the audio held during the reconnection goes first.
                resuming = false;
                ready = true;
                for (var frame : pending) send(audio(frame));
                pending.clear();
            }
        }
        if (resumed) {
            listener.resumed(Map.of("provider", "google", "reason", "goAway"));
            return;
        }
        synchronized (this) {
            if (ready) return;
            ready = true;
            setUp = true;
            if (request.firstMessage() != null) {
                var turn = Map.of("role", "user", "parts", List.of(Map.of("text", "Greet the caller by saying exactly: " + request.firstMessage())));
                send(Map.of("clientContent", Map.of("turns", List.of(turn), "turnComplete", true)));
            }
            for (var frame : pending) send(audio(frame));
            pending.clear();
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("provider", "google");
        details.put("model", request.model());
        listener.ready(details);
    }

    private void serverContent(JsonNode content) {
        var heard = content.get("inputTranscription");
        if (heard != null && text(heard, "text") != null) callerWords.append(text(heard, "text"));
        var turn = content.get("modelTurn");
        if (turn != null && turn.get("parts") != null) {
            for (var part : turn.get("parts").values()) {
                var inline = part.get("inlineData");
                var data = inline == null ? null : text(inline, "data");
                var mime = inline == null ? null : text(inline, "mimeType");
                if (data == null || (mime != null && !mime.startsWith("audio/pcm"))) continue;
                agentSpeaks();
                try {
                    downlink.write(Base64.getDecoder().decode(data), Pcm16.rate(mime, DownlinkAudio.DEFAULT_RATE), this::agentAudio);
                } catch (IllegalArgumentException e) {
                    listener.problem("audio", "agent audio not playable: " + e.getMessage());
                }
            }
        }
        var said = content.get("outputTranscription");
        if (said != null && text(said, "text") != null) {
            agentSpeaks();
            agentWords.append(text(said, "text"));
        }
        if (flag(content, "interrupted")) {
            downlink.drop();
            callerTurnEnds();
            listener.callerStartedSpeaking(callerItem());
            agentTurnEnds();
        }
        if (flag(content, "generationComplete")) downlink.endOfTurn(this::agentAudio);
        if (flag(content, "turnComplete")) {
            downlink.endOfTurn(this::agentAudio);
            agentTurnEnds();
        }
    }

    private void agentAudio(byte[] mulaw) {
        turnAudioBytes += mulaw.length;
        listener.agentAudio(agentItem(), mulaw);
    }

    /**
     * Gemini's count for a turn ({@code usageMetadata}: {@code responseTokenCount} plus any
     * {@code thoughtsTokenCount}, both billed as output). Once Gemini reports usage, this session
     * trusts its counts only and drops its own estimates.
     */
    private void usageReported(JsonNode usage) {
        long tokens = number(usage, "responseTokenCount") + number(usage, "thoughtsTokenCount");
        providerCounts = true;
        estimate = 0;
        if (tokens > 0) listener.used(new ModelUsage(tokens, false));
    }

    /**
     * A turn Gemini has not (yet) counted: 32 tokens per second of audio (Gemini's documented
     * audio rate) plus a token per four characters of words. Held until the next turn starts or the
     * session ends, so a {@code usageMetadata} arriving just after {@code turnComplete} replaces it.
     */
    private void estimateTurn() {
        long audioMs = turnAudioBytes / 8;
        long chars = agentWords.length();
        turnAudioBytes = 0;
        if (!providerCounts) estimate += audioMs * 32 / 1000 + (chars + 3) / 4;
    }

    private void reportEstimate() {
        long tokens = estimate;
        estimate = 0;
        if (tokens > 0 && !providerCounts) listener.used(new ModelUsage(tokens, true));
    }

    private static long number(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isNumber() ? Math.max(0, value.getLongValue()) : 0;
    }

    /** The model starts (or goes on with) its turn: what the caller said before it is stored first. */
    private void agentSpeaks() {
        if (!agentTurnStarted) {
            callerTurnEnds();
            reportEstimate();
        }
        agentTurnStarted = true;
    }

    private void agentTurnEnds() {
        estimateTurn();
        var words = normalized(agentWords);
        agentWords.setLength(0);
        if (!words.isEmpty()) listener.agentSaid(agentItem(), words);
        if (agentTurnStarted) agentTurn++;
        agentTurnStarted = false;
    }

    private void callerTurnEnds() {
        var words = normalized(callerWords);
        callerWords.setLength(0);
        if (words.isEmpty()) return;
        listener.callerSaid(callerItem(), words);
        callerTurn++;
    }

    private String agentItem() {
        return "turn-" + agentTurn;
    }

    private String callerItem() {
        return "caller-" + callerTurn;
    }

    private void toolCall(JsonNode toolCall) {
        // The model stops to call: what it said so far is a message of its own, and the caller's words come before it.
        callerTurnEnds();
        downlink.endOfTurn(this::agentAudio);
        agentTurnEnds();
        var calls = toolCall.get("functionCalls");
        if (calls == null) return;
        for (var call : calls.values()) {
            var name = text(call, "name");
            if (name == null) continue;
            var id = text(call, "id") != null ? text(call, "id") : "call-" + UUID.randomUUID();
            toolNames.put(id, name);
            Map<String, Object> arguments = Map.of();
            var args = call.get("args");
            if (args != null && args.isObject()) {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = json.readValueFromTree(args, Map.class);
                    arguments = map;
                } catch (IOException e) {
                    toolResult(id, "Error: the arguments were not a JSON object. Call " + name + " again with valid arguments.");
                    continue;
                }
            }
            listener.toolCall(new ToolCall(id, name, arguments));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (webSocket != socket || webSocket == leaving) return null; // the socket Gemini sent away, closing as it said it would
        if (closing) {
            // We ended it (the call is over): the last turn's estimate still counts.
            reportEstimate();
            return null;
        }
        var said = statusCode + (reason == null || reason.isBlank() ? "" : " " + reason);
        if (resuming) {
            fail(VoiceModelFailure.Kind.CLOSED, "goAway from Gemini and resuming the session failed: " + said);
            return null;
        }
        if (!setUp) {
            // Gemini upgrades whatever the key and refuses it on setup by closing (1007/1008 "API key not valid").
            var lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
            boolean credentials = lower.contains("api key") || lower.contains("permission") || lower.contains("unauthenticated")
                    || lower.contains("credential");
            fail(credentials ? VoiceModelFailure.Kind.REFUSED : VoiceModelFailure.Kind.ERRORED, "setup refused by Gemini: " + said);
        } else {
            fail(statusCode == 1011 ? VoiceModelFailure.Kind.ERRORED : VoiceModelFailure.Kind.CLOSED, "closed by Gemini: " + said);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (webSocket != socket || webSocket == leaving) return;
        if (!closing) fail(VoiceModelFailure.Kind.CLOSED, "connection lost: " + error.getClass().getSimpleName());
    }

    private void fail(VoiceModelFailure.Kind kind, String detail) {
        fail(kind, detail, true);
    }

    /** @param handOff whether the listener hears it on {@link #failures} (from a socket's thread), else on this thread */
    private void fail(VoiceModelFailure.Kind kind, String detail, boolean handOff) {
        synchronized (this) {
            if (failed || closing) return;
            failed = true;
            pending.clear();
        }
        var ws = socket;
        if (ws != null && !ws.isOutputClosed()) ws.abort();
        var old = leaving;
        if (old != null && old != ws && !old.isOutputClosed()) old.abort();
        var failure = new VoiceModelFailure(kind, detail);
        if (!handOff) {
            listener.failed(failure);
            return;
        }
        FailureHandOff.tell(failures, listener, failure);
    }

    private static boolean flag(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    private static String normalized(CharSequence words) {
        return words.toString().strip().replaceAll("\\s+", " ");
    }
}
