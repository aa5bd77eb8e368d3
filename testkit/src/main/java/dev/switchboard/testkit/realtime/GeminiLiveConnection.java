package dev.switchboard.testkit.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One connection to {@link FakeGeminiLive}: what the client sent (every message, in order; the
 * caller audio of its {@code realtimeInput.audio}, decoded to PCM; its tool responses), and the
 * script playing against it. The model's audio goes out as PCM16 24 kHz tones. Thread-safe; the
 * waits poll what was received.
 */
public final class GeminiLiveConnection implements LoopbackWebSocketServer.Connection {
    /** Caller audio Gemini takes natively: PCM16 little-endian, 16 kHz. */
    public static final int INPUT_RATE = 16_000;
    /** What the model speaks: PCM16 little-endian, 24 kHz. */
    public static final int OUTPUT_RATE = 24_000;
    private final java.util.concurrent.atomic.AtomicLong reported = new java.util.concurrent.atomic.AtomicLong();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_TIMEOUT_MS = 30_000;
    private static final int CHUNK_MS = 40;
    private final String uri;
    private final Map<String, String> headers;
    private final LoopbackWebSocketServer.Socket socket;
    private final GeminiScript script;
    private final GeminiScript resumedScript;
    private final Set<String> issuedHandles;
    private volatile String issuedHandle;
    private final List<JsonNode> received = new ArrayList<>();
    private final ByteArrayOutputStream callerPcm = new ByteArrayOutputStream();
    private final Set<String> audioMimeTypes = new LinkedHashSet<>();
    private final List<JsonNode> functionResponses = new ArrayList<>();
    private volatile boolean closed;
    private volatile String failure;

    GeminiLiveConnection(String uri, Map<String, String> headers, LoopbackWebSocketServer.Socket socket, GeminiScript script) {
        this(uri, headers, socket, script, null, java.util.concurrent.ConcurrentHashMap.newKeySet());
    }

    /**
     * @param resumedScript what a connection resuming a session (its {@code setup} names a handle
     *     this fake issued) plays instead of {@code script}
     * @param issuedHandles the resumption handles the fake has issued, shared by its connections
     */
    GeminiLiveConnection(String uri, Map<String, String> headers, LoopbackWebSocketServer.Socket socket, GeminiScript script,
                         GeminiScript resumedScript, Set<String> issuedHandles) {
        this.resumedScript = resumedScript;
        this.issuedHandles = issuedHandles;
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.socket = socket;
        this.script = script;
        var runner = new Thread(this::play, "fake-gemini-script");
        runner.setDaemon(true);
        runner.start();
    }

    /** The handshake's request target. */
    public String uri() {
        return uri;
    }

    /** A handshake header (case-insensitive name). */
    public String header(String name) {
        return headers.get(name);
    }

    /** Every message the client sent, in order. */
    public synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The client's {@code setup} (its first message), or {@code null} before it came. */
    public synchronized JsonNode setup() {
        return received.isEmpty() ? null : received.get(0).get("setup");
    }

    /** The caller audio received so far, as PCM16 samples at the rate its {@code mimeType} declared. */
    public synchronized short[] callerAudio() {
        var bytes = ByteBuffer.wrap(callerPcm.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        var samples = new short[bytes.remaining() / 2];
        bytes.asShortBuffer().get(samples);
        return samples;
    }

    /** Every {@code mimeType} the client's audio was declared with. */
    public synchronized Set<String> audioMimeTypes() {
        return Set.copyOf(audioMimeTypes);
    }

    /** The client's {@code functionResponses}, in order. */
    public synchronized List<JsonNode> functionResponses() {
        return List.copyOf(functionResponses);
    }

    public boolean closed() {
        return closed;
    }

    /** Why the script stopped early (a wait that ran out, a malformed setup), or {@code null}. */
    public String failure() {
        return failure;
    }

    @Override
    public void text(String frame) {
        JsonNode node;
        try {
            node = JSON.readTree(frame);
        } catch (Exception e) {
            return;
        }
        synchronized (this) {
            received.add(node);
            var audio = node.path("realtimeInput").path("audio");
            if (audio.isObject()) {
                audioMimeTypes.add(audio.path("mimeType").asText());
                callerPcm.writeBytes(Base64.getDecoder().decode(audio.path("data").asText("")));
            }
            node.path("toolResponse").path("functionResponses").forEach(functionResponses::add);
            notifyAll();
        }
    }

    @Override
    public void closed(int code, String reason) {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }

    private void play() {
        try {
            awaitReceived(m -> true, 0);
            var setup = setup();
            if (setup == null) {
                refuse(1007, "Invalid JSON payload received. The first message must be setup.");
                return;
            }
            if (script == null) {
                refuse(1007, "API key not valid. Please pass a valid API key.");
                return;
            }
            if (!setup.path("model").asText().startsWith("models/")) {
                refuse(1008, setup.path("model").asText() + " is not found for API version v1beta, or is not supported for bidiGenerateContent.");
                return;
            }
            var plays = script;
            var resumption = setup.get("sessionResumption");
            var handle = resumption == null ? null : resumption.path("handle").asText(null);
            if (handle != null) {
                if (resumedScript == null || !issuedHandles.contains(handle)) {
                    refuse(1008, "session resumption handle not found: " + handle);
                    return;
                }
                plays = resumedScript;
            }
            send(Map.of("setupComplete", Map.of()));
            if (resumption != null) {
                // Gemini hands out a handle for the session as it goes; the fake issues one at once.
                issuedHandle = "handle-" + UUID.randomUUID();
                issuedHandles.add(issuedHandle);
                send(Map.of("sessionResumptionUpdate", Map.of("newHandle", issuedHandle, "resumable", true)));
            }
            for (var step : plays.steps()) {
                if (closed) return;
                run(step);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            failure = e.getMessage();
        }
    }

    private void refuse(int code, String reason) {
        failure = reason;
        socket.close(code, reason);
    }

    private void run(GeminiScript.Step step) throws InterruptedException {
        if (step instanceof GeminiScript.Say say) say(say);
        else if (step instanceof GeminiScript.CallerSays caller) {
            awaitCallerAudio(caller.speech());
            send(Map.of("serverContent", Map.of("inputTranscription", Map.of("text", caller.transcript()))));
        } else if (step instanceof GeminiScript.Interrupt interrupt) {
            awaitCallerAudio(interrupt.after());
            send(Map.of("serverContent", Map.of("interrupted", true)));
        } else if (step instanceof GeminiScript.CallTool tool) callTool(tool);
        else if (step instanceof GeminiScript.GoAway away) send(Map.of("goAway", Map.of("timeLeft", away.timeLeft())));
        else if (step instanceof GeminiScript.Close close) socket.close(close.code(), close.reason());
        else if (step instanceof GeminiScript.Pause pause) Thread.sleep(pause.length().toMillis());
    }

    /** Audio in 40 ms chunks, the transcript's words spread over them, then (if complete) the turn's end. */
    private void say(GeminiScript.Say say) {
        int total = (int) (say.audio().toMillis() * OUTPUT_RATE / 1000);
        int chunk = CHUNK_MS * OUTPUT_RATE / 1000;
        int chunks = Math.max(1, (total + chunk - 1) / chunk);
        var words = say.transcript().isBlank() ? new String[0] : say.transcript().strip().split("\\s+");
        int word = 0;
        for (int c = 0; c < chunks; c++) {
            int from = c * chunk;
            var pcm = ByteBuffer.allocate(Math.min(chunk, total - from) * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = from; i < from + pcm.capacity() / 2; i++)
                pcm.putShort((short) Math.round(0.3 * 32767 * Math.sin(2 * Math.PI * say.toneHz() * i / OUTPUT_RATE)));
            var inline = Map.of("mimeType", "audio/pcm;rate=24000", "data", Base64.getEncoder().encodeToString(pcm.array()));
            send(Map.of("serverContent", Map.of("modelTurn", Map.of("parts", List.of(Map.of("inlineData", inline))))));
            // Gemini transcribes its own speech in pieces as it goes, each piece its own message.
            int until = (int) Math.ceil((double) words.length * (c + 1) / chunks);
            for (; word < until; word++)
                send(Map.of("serverContent", Map.of("outputTranscription", Map.of("text", (word == 0 ? "" : " ") + words[word]))));
        }
        if (!say.complete()) return;
        send(Map.of("serverContent", Map.of("generationComplete", true)));
        send(Map.of("serverContent", Map.of("turnComplete", true)));
        // Gemini counts each turn in usageMetadata; the fake's made-up count is 25 tokens a second of audio.
        long tokens = say.audio().toMillis() * 25 / 1000;
        reported.addAndGet(tokens);
        send(Map.of("usageMetadata", Map.of("promptTokenCount", 100, "responseTokenCount", tokens, "totalTokenCount", 100 + tokens,
                "responseTokensDetails", List.of(Map.of("modality", "AUDIO", "tokenCount", tokens)))));
    }

    /** The resumption handle this connection issued ({@code null} when its setup asked for none). */
    public String issuedHandle() {
        return issuedHandle;
    }

    /** The handle this connection's {@code setup} resumed, or {@code null} for a new session. */
    public synchronized String resumedHandle() {
        var setup = setup();
        return setup == null ? null : setup.path("sessionResumption").path("handle").asText(null);
    }

    /** The output tokens this connection's {@code usageMetadata} messages reported, in total. */
    public long outputTokensReported() {
        return reported.get();
    }

    private void callTool(GeminiScript.CallTool tool) throws InterruptedException {
        var id = "fc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<?, ?> args;
        try {
            args = JSON.readValue(tool.argumentsJson(), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException("the script's tool arguments are not a JSON object: " + tool.argumentsJson());
        }
        var call = new LinkedHashMap<String, Object>();
        call.put("id", id);
        call.put("name", tool.name());
        call.put("args", args);
        send(Map.of("toolCall", Map.of("functionCalls", List.of(call))));
        awaitReceived(m -> {
            for (var r : m.path("toolResponse").path("functionResponses")) if (id.equals(r.path("id").asText())) return true;
            return false;
        }, 0);
    }

    private int awaitReceived(Predicate<JsonNode> wanted, int from) throws InterruptedException {
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        synchronized (this) {
            while (true) {
                for (int i = from; i < received.size(); i++) if (wanted.test(received.get(i))) return i;
                if (closed) throw new IllegalStateException("the client closed the session while the script waited");
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new IllegalStateException("the client never sent what the script waited for");
                wait(left);
            }
        }
    }

    /**
     * Waits until {@code audio} more of caller audio arrived and as much time passed: a model hears
     * in real time, so audio buffered during set-up does not count as speech heard all at once.
     */
    private void awaitCallerAudio(Duration audio) throws InterruptedException {
        long now = System.currentTimeMillis();
        long deadline = now + STEP_TIMEOUT_MS + audio.toMillis();
        long notBefore = now + audio.toMillis();
        synchronized (this) {
            long target = callerPcm.size() + audio.toMillis() * INPUT_RATE / 1000 * 2;
            while (callerPcm.size() < target || System.currentTimeMillis() < notBefore) {
                if (closed) throw new IllegalStateException("the client closed the session while the script waited for caller audio");
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new IllegalStateException("caller audio stopped arriving");
                wait(Math.max(1, Math.min(left, notBefore - System.currentTimeMillis())));
            }
        }
    }

    private void send(Map<String, Object> message) {
        if (closed) return;
        try {
            socket.sendBinary(JSON.writeValueAsString(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
