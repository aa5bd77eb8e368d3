package dev.switchboard.testkit.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One server connection to {@link MeteredOpenAiRealtime}. Frames arrive on the connection's event
 * loop thread, and answers are scheduled there too; the state is still guarded by this object's
 * monitor, as the meter's control requests read it from other threads.
 */
final class MeteredSession implements LoopbackWebSocketServer.Connection {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static final String APPEND = "\"input_audio_buffer.append\"";
    private static final String AUDIO_FIELD = "\"audio\":\"";
    // A 440 Hz tone under the tags: agent audio that sounds like something if anyone records it.
    private static final byte[] TONE = dev.switchboard.testkit.audio.TestSignals.tone(440, 1000, 0, 0.3);
    private final MeteredOpenAiRealtime fake;
    private final LoopbackWebSocketServer.Socket socket;
    private long upNanos;
    private int run = -1;
    private int call = -1;
    private boolean greetingAsked;
    private boolean answering;
    private int heardSinceAnswer;
    private int agentSequence;
    private boolean configured;
    private volatile boolean closed;

    MeteredSession(MeteredOpenAiRealtime fake, LoopbackWebSocketServer.Socket socket) {
        this.fake = fake;
        this.socket = socket;
    }

    @Override
    public void text(String frame) {
        long now = System.nanoTime();
        // Appends are nearly all the traffic (50 a second a call): read them without a JSON tree.
        if (frame.contains(APPEND)) {
            int from = frame.indexOf(AUDIO_FIELD);
            int to = from < 0 ? -1 : frame.indexOf('"', from + AUDIO_FIELD.length());
            if (to > 0) {
                appended(Base64.getDecoder().decode(frame.substring(from + AUDIO_FIELD.length(), to)), now);
                return;
            }
        }
        JsonNode event;
        try {
            event = JSON.readTree(frame);
        } catch (Exception notJson) {
            return;
        }
        switch (event.path("type").asText()) {
            case "input_audio_buffer.append" -> appended(Base64.getDecoder().decode(event.path("audio").asText("")), now);
            case "session.update" -> {
                synchronized (this) {
                    upNanos = now;
                    configured = true;
                }
                // Sent here rather than on connect: the upgrade is not yet answered when the fake accepts.
                send(event("session.created", Map.of("session", Map.of("type", "realtime", "id", "sess_" + id()))));
                send(event("session.updated", Map.of("session", event.path("session"))));
            }
            case "response.create" -> {
                boolean known;
                synchronized (this) {
                    greetingAsked = true;
                    known = call >= 0;
                }
                // The call is known from its first tagged frame: until then the greeting waits.
                if (known) answer(false);
            }
            default -> { }
        }
    }

    private void appended(byte[] audio, long now) {
        var meter = fake.meter();
        boolean greet = false, answer = false;
        for (int at = 0; at < audio.length; at += AudioTag.FRAME_BYTES) {
            var tag = AudioTag.readFrom(audio, at);
            if (tag.isEmpty()) {
                meter.untaggedCallerFrame();
                continue;
            }
            synchronized (this) {
                if (call < 0) {
                    call = tag.get().call();
                    run = tag.get().run();
                    meter.sessionUp(run, call, upNanos);
                    greet = greetingAsked;
                }
                if (!answering && ++heardSinceAnswer * 20L >= fake.utterance.toMillis()) answer = true;
            }
            meter.callerFrame(tag.get(), now, !configured || tag.get().sentNanos() - upNanos < 0);
        }
        if (greet || answer) answer(answer);
    }

    /** Speaks one answer: the caller's words heard (after an utterance), then the tagged audio in chunks. */
    private void answer(boolean afterCaller) {
        int chunks = (int) (fake.answer.toMillis() / fake.chunk.toMillis());
        String responseId = "resp_" + id(), itemId = "item_" + id();
        var meter = fake.meter();
        synchronized (this) {
            if (answering || closed || chunks == 0 || !meter.mayAnswer(run, call)) return;
            answering = true;
            heardSinceAnswer = 0;
            meter.answerStarted(run, call);
        }
        if (afterCaller) {
            var callerItem = "item_" + id();
            send(event("input_audio_buffer.committed", Map.of("item_id", callerItem)));
            send(event("conversation.item.input_audio_transcription.completed", Map.of("item_id", callerItem, "content_index", 0,
                    "transcript", "What are your opening hours?")));
        }
        send(event("response.created", Map.of("response", Map.of("id", responseId, "status", "in_progress"))));
        send(event("response.output_item.added", Map.of("response_id", responseId, "output_index", 0,
                "item", Map.of("id", itemId, "type", "message", "role", "assistant", "status", "in_progress"))));
        for (int i = 0; i < chunks; i++) {
            boolean last = i == chunks - 1;
            // On the connection's own loop: no thread hop and no wake-up per delta.
            socket.loop().schedule(() -> {
                delta(responseId, itemId);
                if (last) done(responseId, itemId);
            }, i * fake.chunkEvery.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void delta(String responseId, String itemId) {
        int frames = (int) (fake.chunk.toMillis() / 20);
        var audio = new byte[frames * AudioTag.FRAME_BYTES];
        long sent = System.nanoTime();
        var meter = fake.meter();
        synchronized (this) {
            if (closed) return;
            for (int f = 0; f < frames; f++) {
                int at = f * AudioTag.FRAME_BYTES;
                System.arraycopy(TONE, (agentSequence * AudioTag.FRAME_BYTES) % TONE.length, audio, at, AudioTag.FRAME_BYTES);
                var tag = new AudioTag(run, call, agentSequence++, sent);
                tag.writeInto(audio, at);
                // Counted before it leaves, so the caller never sees more received than sent.
                meter.agentFrameSent(tag);
            }
        }
        socket.send("{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_" + id() + "\",\"response_id\":\"" + responseId
                + "\",\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\""
                + Base64.getEncoder().encodeToString(audio) + "\"}");
    }

    private void done(String responseId, String itemId) {
        var ids = Map.<String, Object>of("response_id", responseId, "item_id", itemId, "output_index", 0, "content_index", 0);
        send(event("response.output_audio.done", ids));
        var transcript = new LinkedHashMap<String, Object>(ids);
        transcript.put("transcript", "We are open from nine to seven, every day.");
        send(event("response.output_audio_transcript.done", transcript));
        send(event("response.output_item.done", Map.of("response_id", responseId, "output_index", 0,
                "item", Map.of("id", itemId, "type", "message", "role", "assistant", "status", "completed"))));
        send(event("response.done", Map.of("response", Map.of("id", responseId, "status", "completed"))));
        synchronized (this) {
            answering = false;
            fake.meter().answerEnded(run, call);
        }
    }

    @Override
    public void closed(int code, String reason) {
        closed = true;
        fake.closed(this);
    }

    private static String id() {
        return Long.toString(IDS.incrementAndGet(), 36);
    }

    private static Map<String, Object> event(String type, Map<String, ?> fields) {
        var out = new LinkedHashMap<String, Object>();
        out.put("type", type);
        out.put("event_id", "event_" + id());
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
