package dev.switchboard.testkit.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.audio.TestSignals;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One connection to {@link FakeOpenAiRealtime}: what the client sent (every event, in order, and
 * the caller audio it appended), and the script playing against it. Thread-safe; the waits poll
 * what was received, so a test can also wait for the client's events.
 */
public final class RealtimeSession implements LoopbackWebSocketServer.Connection {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_TIMEOUT_MS = 30_000;
    private final String uri;
    private final Map<String, String> headers;
    private final LoopbackWebSocketServer.Socket socket;
    private final RealtimeScript script;
    private final List<JsonNode> received = new ArrayList<>();
    private final ByteArrayOutputStream callerAudio = new ByteArrayOutputStream();
    private final List<String> toolOutputs = new ArrayList<>();
    private volatile boolean closed;
    private volatile int closeCode;
    private volatile String failure;
    private final java.util.concurrent.atomic.AtomicLong reported = new java.util.concurrent.atomic.AtomicLong();

    RealtimeSession(String uri, Map<String, String> headers, LoopbackWebSocketServer.Socket socket, RealtimeScript script) {
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.socket = socket;
        this.script = script;
        send(event("session.created", Map.of("session", Map.of("type", "realtime", "id", "sess_" + id()))));
        var runner = new Thread(this::play, "fake-realtime-script");
        runner.setDaemon(true);
        runner.start();
    }

    /** The handshake's request target, e.g. {@code /v1/realtime?model=gpt-realtime}. */
    public String uri() {
        return uri;
    }

    /** A handshake header (case-insensitive name). */
    public String header(String name) {
        return headers.get(name);
    }

    /** Every event the client sent, in order. */
    public synchronized List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The client's events of one type, in order. */
    public synchronized List<JsonNode> received(String type) {
        return received.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    /** The caller audio appended so far, as sent (μ-law when the session says {@code audio/pcmu}). */
    public synchronized byte[] callerAudio() {
        return callerAudio.toByteArray();
    }

    /** The outputs the client gave for the script's tool calls, in order. */
    public synchronized List<String> toolOutputs() {
        return List.copyOf(toolOutputs);
    }

    public boolean closed() {
        return closed;
    }

    /** Why the script stopped early (a wait that ran out), or {@code null}. */
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
            if ("input_audio_buffer.append".equals(node.path("type").asText()))
                callerAudio.writeBytes(Base64.getDecoder().decode(node.path("audio").asText("")));
            if ("conversation.item.create".equals(node.path("type").asText())
                    && "function_call_output".equals(node.path("item").path("type").asText()))
                toolOutputs.add(node.path("item").path("output").isTextual() ? node.path("item").path("output").asText()
                        : node.path("item").path("output").toString());
            notifyAll();
        }
    }

    @Override
    public void closed(int code, String reason) {
        synchronized (this) {
            if (!closed) closeCode = code;
            closed = true;
            notifyAll();
        }
    }

    private void play() {
        try {
            int update = awaitReceived(e -> "session.update".equals(e.path("type").asText()), 0);
            send(event("session.updated", Map.of("session", received().get(update).path("session"))));
            for (var step : script.steps()) {
                if (closed) return;
                run(step);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            failure = e.getMessage();
        }
    }

    private void run(RealtimeScript.Step step) throws InterruptedException {
        if (step instanceof RealtimeScript.Say say) say(say);
        else if (step instanceof RealtimeScript.CallerSays caller) callerSays(caller);
        else if (step instanceof RealtimeScript.SpeechStarted started) {
            awaitCallerAudio(started.after());
            send(event("input_audio_buffer.speech_started", Map.of("audio_start_ms", callerAudioMs(), "item_id", "item_" + id())));
        } else if (step instanceof RealtimeScript.CallTool tool) callTool(tool);
        else if (step instanceof RealtimeScript.Error error)
            send(event("error", Map.of("error", Map.of("type", error.type(), "code", error.code(), "message", error.message()))));
        else if (step instanceof RealtimeScript.Close close) socket.close(close.code(), close.reason());
        else if (step instanceof RealtimeScript.Pause pause) Thread.sleep(pause.length().toMillis());
    }

    private void say(RealtimeScript.Say say) {
        var responseId = "resp_" + id();
        var itemId = "item_" + id();
        send(event("response.created", Map.of("response", Map.of("id", responseId, "status", "in_progress"))));
        send(event("response.output_item.added", Map.of("response_id", responseId, "output_index", 0,
                "item", Map.of("id", itemId, "type", "message", "role", "assistant", "status", "in_progress"))));
        int total = (int) say.audio().toMillis();
        for (int at = 0; at < total; at += 20) {
            var chunk = TestSignals.tone(say.toneHz(), Math.min(20, total - at), at * 8, 0.3);
            send(event("response.output_audio.delta", Map.of("response_id", responseId, "item_id", itemId, "output_index", 0,
                    "content_index", 0, "delta", Base64.getEncoder().encodeToString(chunk))));
        }
        send(event("response.output_audio.done", Map.of("response_id", responseId, "item_id", itemId, "output_index", 0, "content_index", 0)));
        send(event("response.output_audio_transcript.done", Map.of("response_id", responseId, "item_id", itemId, "output_index", 0,
                "content_index", 0, "transcript", say.transcript())));
        send(event("response.output_item.done", Map.of("response_id", responseId, "output_index", 0,
                "item", Map.of("id", itemId, "type", "message", "role", "assistant", "status", "completed"))));
        send(event("response.done", Map.of("response", done(responseId, total / 50 + (say.transcript().length() + 3) / 4))));
    }

    /**
     * A finished response, with OpenAI's {@code usage} when the script reports it: {@code outputTokens}
     * made up by the fake (a token per 50 ms of audio and per four characters of words), counted in
     * {@link #outputTokensReported()}.
     */
    private Map<String, Object> done(String responseId, long outputTokens) {
        var response = new LinkedHashMap<String, Object>();
        response.put("id", responseId);
        response.put("status", "completed");
        if (script.reportsUsage()) {
            reported.addAndGet(outputTokens);
            response.put("usage", Map.of("total_tokens", outputTokens + 100, "input_tokens", 100, "output_tokens", outputTokens,
                    "output_token_details", Map.of("text_tokens", 0, "audio_tokens", outputTokens)));
        }
        return response;
    }

    /** The output tokens this session's {@code response.done} events reported, in total. */
    public long outputTokensReported() {
        return reported.get();
    }

    private void callerSays(RealtimeScript.CallerSays caller) throws InterruptedException {
        var start = callerAudioMs();
        awaitCallerAudio(caller.speech());
        var itemId = "item_" + id();
        send(event("input_audio_buffer.speech_started", Map.of("audio_start_ms", start, "item_id", itemId)));
        send(event("input_audio_buffer.speech_stopped", Map.of("audio_end_ms", callerAudioMs(), "item_id", itemId)));
        send(event("input_audio_buffer.committed", Map.of("item_id", itemId)));
        send(event("conversation.item.input_audio_transcription.completed", Map.of("item_id", itemId, "content_index", 0,
                "transcript", caller.transcript())));
    }

    private void callTool(RealtimeScript.CallTool tool) throws InterruptedException {
        var responseId = "resp_" + id();
        var itemId = "item_" + id();
        var callId = "call_" + id();
        var item = new LinkedHashMap<String, Object>();
        item.put("id", itemId);
        item.put("type", "function_call");
        item.put("status", "completed");
        item.put("call_id", callId);
        item.put("name", tool.name());
        item.put("arguments", tool.argumentsJson());
        send(event("response.created", Map.of("response", Map.of("id", responseId, "status", "in_progress"))));
        send(event("response.output_item.added", Map.of("response_id", responseId, "output_index", 0, "item", item)));
        send(event("response.function_call_arguments.done", Map.of("response_id", responseId, "item_id", itemId, "output_index", 0,
                "call_id", callId, "name", tool.name(), "arguments", tool.argumentsJson())));
        send(event("response.output_item.done", Map.of("response_id", responseId, "output_index", 0, "item", item)));
        send(event("response.done", Map.of("response", done(responseId, (tool.argumentsJson().length() + 3) / 4))));
        int at = awaitReceived(e -> "conversation.item.create".equals(e.path("type").asText())
                && callId.equals(e.path("item").path("call_id").asText()), 0);
        awaitReceived(e -> "response.create".equals(e.path("type").asText()), at + 1);
    }

    /** Waits for an event matching {@code wanted} at or after position {@code from}; returns its position. */
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
     * in real time, so a burst of audio buffered during connection does not count as speech heard
     * all at once.
     */
    private void awaitCallerAudio(Duration audio) throws InterruptedException {
        long now = System.currentTimeMillis();
        long deadline = now + STEP_TIMEOUT_MS + audio.toMillis();
        long notBefore = now + audio.toMillis();
        long target;
        synchronized (this) {
            target = callerAudio.size() + audio.toMillis() * 8;
            while (callerAudio.size() < target || System.currentTimeMillis() < notBefore) {
                if (closed) throw new IllegalStateException("the client closed the session while the script waited for caller audio");
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new IllegalStateException("caller audio stopped arriving");
                wait(Math.max(1, Math.min(left, notBefore - System.currentTimeMillis())));
            }
        }
    }

    private synchronized long callerAudioMs() {
        return callerAudio.size() / 8L;
    }

    private String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Map<String, Object> event(String type, Map<String, Object> fields) {
        var out = new LinkedHashMap<String, Object>();
        out.put("type", type);
        out.put("event_id", "event_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        out.putAll(fields);
        return out;
    }

    private void send(Map<String, Object> event) {
        if (closed) return;
        try {
            socket.send(JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
