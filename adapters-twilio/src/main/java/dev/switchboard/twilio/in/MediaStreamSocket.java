package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.modelcall.CallerLine;
import dev.switchboard.domain.modelcall.MuLawChunk;
import dev.switchboard.domain.modelcall.StartStreamCall;
import dev.switchboard.domain.recording.RecordCall;
import dev.switchboard.domain.recording.RecordedCallerLine;
import dev.switchboard.domain.telephony.Telephony;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import io.micronaut.security.annotation.Secured;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * {@code WS /webhooks/twilio/stream/{tenant}/{call}}: a Media Streams session (PROTOCOLS.md §5),
 * admitted by {@link StreamSocketGate} (signed for that call, the call live, its only stream).
 * {@code start} opens the call's conversation with its speech-to-speech model; {@code media} is
 * the caller's audio, forwarded as it comes; {@code mark} says what the caller has heard;
 * {@code dtmf} follows the assistant's key policy; {@code stop} ends it. Bad frames are noted on
 * the timeline and never end the call. When the assistant records, the caller's frames (at their
 * media {@code timestamp}) and what is played to the caller go into the call's recording, which
 * is finished when the stream stops or the socket closes, whatever the reason.
 */
@ServerWebSocket(TwilioVoiceWebhook.STREAM_PATH + "/{tenant}/{call}")
@Secured("isAnonymous()")
final class MediaStreamSocket {
    static final int MAX_FRAME_CHARS = 64 * 1024;
    /** The session attribute holding the socket's {@link StreamSession}. */
    static final String STATE = "stream";
    private final StartStreamCall startStreamCall;
    private final Telephony telephony;
    private final CallRepository calls;
    private final JsonMapper json;
    private final ExecutorService pool;
    private final Clock clock;
    private final RecordCall recordCall;
    private final CallRecorder recorder;
    private final int mediaBacklog;
    private static final AtomicLong RETRY_THREADS = new AtomicLong();
    /** One small thread re-offers to the pool the lanes it refused while full. */
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "stream-frame-retry-" + RETRY_THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    /** A media frame, as Twilio sends it ({@code "event":"media"}): found without parsing, on the event loop. */
    private static final Pattern MEDIA = Pattern.compile("\"event\"\\s*:\\s*\"media\"");

    /**
     * @param pool the bounded pool of call threads ({@code call-turns}) for control frames; never Micronaut's unbounded {@code io} pool (issue 9 §5)
     * @param mediaBacklog caller audio frames a call holds while its {@code start} waits for a call thread
     *     ({@code switchboard.calls.stream-backlog}, 250: five seconds of audio) before new ones are dropped
     * @param recorder where the socket's own stages go, off the call's lane (ADR 007)
     */
    MediaStreamSocket(StartStreamCall startStreamCall, Telephony telephony, CallRepository calls, JsonMapper json,
                      @Named(ConversationRelaySocket.CALL_TURNS) ExecutorService pool, Clock clock, RecordCall recordCall,
                      @Value("${switchboard.calls.stream-backlog:250}") int mediaBacklog, CallRecorder recorder) {
        this.recorder = recorder;
        this.mediaBacklog = Math.max(1, mediaBacklog);
        this.recordCall = recordCall;
        this.startStreamCall = startStreamCall;
        this.telephony = telephony;
        this.calls = calls;
        this.json = json;
        this.pool = pool;
        this.clock = clock;
    }

    @OnOpen
    void open(WebSocketSession session, HttpRequest<?> request) {
        var bound = SocketTicket.of(request).flatMap(SocketTicket::call);
        if (bound.isEmpty()) {
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        var stream = new StreamSession(bound.get().tenantId(), bound.get().callId(), pool, retries, mediaBacklog, recorder, clock);
        session.put(STATE, stream);
        stream.inbox.execute(() -> stream.event("stream.connected", Map.of("sessionId", session.getId())));
    }

    /**
     * Called on the event loop and returns at once, never blocking. Caller audio is recognised
     * without parsing the frame into a tree and forwarded here, in order (held until the call's
     * {@code start} has been handled; beyond the call's backlog meanwhile, dropped and counted);
     * control frames ({@code start}, {@code mark}, {@code dtmf}, {@code stop}) go to the call's lane
     * and are never dropped.
     */
    @OnMessage
    void message(byte[] bytes, WebSocketSession session) {
        var stream = session.get(STATE, StreamSession.class).orElse(null);
        if (stream == null) return;
        // Bytes, not a String: Micronaut would turn a binary frame or malformed UTF-8 into text.
        var inbound = InboundText.of(bytes);
        if (inbound instanceof InboundText.Refused refused) {
            stream.eventLater("error", Map.of("stage", "stream-socket", "message", refused.reason()));
            return;
        }
        var text = ((InboundText.Text) inbound).value();
        if (forwardMedia(stream, text)) return;
        Runnable frame = () -> handle(stream, session, text);
        // A media frame the quick look cannot read (escapes, a number where a string was expected): the tree, in the same order.
        if (MEDIA.matcher(text).find()) stream.media(frame);
        else stream.inbox.execute(frame);
    }

    /**
     * Forwards {@code text} as caller audio if a quick look, without parsing it into a tree, finds
     * a {@code media} message with its payload (and its timestamp, when it has one); otherwise
     * leaves it for the full reading and says so. Called on the event loop, in frame order, by
     * this socket and by {@link StreamMediaFrames} ahead of it; never blocks.
     */
    static boolean forwardMedia(StreamSession stream, String text) {
        if (text.length() > MAX_FRAME_CHARS || !"media".equals(PlainJsonField.of(text, "event"))) return false;
        var payload = PlainJsonField.of(text, "payload");
        var timestamp = PlainJsonField.of(text, "timestamp");
        if (payload == null || (timestamp == null && text.contains("\"timestamp\""))) return false;
        stream.media(() -> media(stream, payload, timestamp));
        return true;
    }

    /** The caller's next audio, base64 as Twilio sent it: to the model as it is, decoded only for a recording. */
    private static void media(StreamSession stream, String payload, String timestamp) {
        var conversation = stream.conversation;
        if (conversation == null) return;
        MuLawChunk audio;
        try {
            audio = MuLawChunk.ofBase64(payload);
        } catch (IllegalArgumentException e) {
            stream.eventLater("error", Map.of("stage", "stream-socket", "message", "media payload is not base64"));
            return;
        }
        var recording = stream.recording;
        if (recording != null) recording.callerAudio(streamMillis(timestamp), audio.bytes());
        conversation.callerAudio(audio);
    }

    @PreDestroy
    void stopRetrying() {
        retries.shutdown();
    }

    private void handle(StreamSession stream, WebSocketSession session, String text) {
        if (text.length() > MAX_FRAME_CHARS) {
            stream.eventLater("error", Map.of("stage", "stream-socket", "message", "frame of " + text.length() + " characters is over the limit"));
            return;
        }
        JsonNode node;
        try {
            node = json.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (Exception e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            stream.eventLater("error", Map.of("stage", "stream-socket", "message", "not a JSON object"));
            return;
        }
        var event = text(node, "event");
        var conversation = stream.conversation;
        switch (event == null ? "" : event) {
            case "connected" -> { }
            case "start" -> {
                if (stream.conversation != null) {
                    // Twilio sends one start per stream: a second one (another call's, or a replay) changes nothing.
                    stream.event("error", Map.of("stage", "stream-socket", "message", "start received twice"));
                    return;
                }
                try {
                    start(stream, session, node);
                } finally {
                    // Whatever became of it, the caller audio held meanwhile goes on (or, with no conversation, is let go).
                    stream.started();
                }
            }
            case "media" -> {
                var media = node.get("media");
                var payload = media == null ? null : text(media, "payload");
                // On the media path (the event loop): noted later, in the call's lane.
                if (payload == null) stream.eventLater("error", Map.of("stage", "stream-socket", "message", "media needs a payload string"));
                else media(stream, payload, media.get("timestamp") == null ? null : streamText(media.get("timestamp")));
            }
            case "mark" -> {
                var mark = node.get("mark");
                var name = mark == null ? null : text(mark, "name");
                if (name == null) refuse(stream, "mark needs a name string");
                else if (conversation == null) refuse(stream, "mark before start");
                else conversation.played(name);
            }
            case "dtmf" -> {
                var dtmf = node.get("dtmf");
                var digit = dtmf == null ? null : text(dtmf, "digit");
                if (!Dtmf.isDigit(digit)) refuse(stream, "dtmf needs one digit of " + Dtmf.DIGITS);
                else if (conversation == null) refuse(stream, "dtmf before start");
                else conversation.keyPressed(digit.charAt(0));
            }
            case "stop" -> {
                stream.endRecording();
                if (conversation != null) conversation.callEnded("stop");
                else stream.event("stream.stopped", Map.of("reason", "stop"));
            }
            default -> stream.eventLater("error", Map.of("stage", "stream-socket", "message", "unknown event " + event));
        }
    }

    /** A control frame we cannot use, on the timeline; called in the call's lane, so in the order frames came. */
    private static void refuse(StreamSession stream, String problem) {
        stream.event("error", Map.of("stage", "stream-socket", "message", problem));
    }

    private void start(StreamSession stream, WebSocketSession session, JsonNode node) {
        var start = node.get("start");
        var streamSid = start == null ? null : text(start, "streamSid");
        var callSid = start == null ? null : text(start, "callSid");
        if (streamSid == null || callSid == null) {
            stream.event("error", Map.of("stage", "stream-socket", "message", "start without streamSid and callSid"));
            return;
        }
        var parameters = new HashMap<String, String>();
        var custom = start.get("customParameters");
        if (custom != null && custom.isObject())
            for (var entry : custom.entries()) if (entry.getValue().isString()) parameters.put(entry.getKey(), entry.getValue().getStringValue());
        var data = new LinkedHashMap<String, Object>();
        data.put("streamSid", streamSid);
        data.put("callSid", callSid);
        stream.event("stream.started", data);
        var call = calls.findById(stream.tenantId, stream.callId);
        if (call.isEmpty() || !callSid.equals(call.get().providerCallId())) {
            stream.event("error", Map.of("stage", "stream-socket", "message", "start names another call"));
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        parameters.remove("tenant");
        parameters.remove("call");
        stream.recording = recordCall.start(call.get()).orElse(null);
        var line = new TwilioCallerLine(session, stream.channel, streamSid, callSid, start.get("accountSid") == null ? null : text(start, "accountSid"),
                stream.tenantId, stream.callId, telephony, calls, json, clock);
        stream.line = line;
        CallerLine heard = stream.recording == null ? line : new RecordedCallerLine(line, stream.recording);
        var conversation = startStreamCall.start(call.get(), heard, parameters);
        if (conversation.isEmpty()) {
            stream.event("error", Map.of("stage", "stream-socket", "message", "the call or its assistant no longer exists"));
            line.hangUp("Sorry, this line cannot take your call right now. Goodbye.", "en-US");
            return;
        }
        stream.conversation = conversation.get();
    }

    @OnClose
    void close(WebSocketSession session, CloseReason reason) {
        session.get(STATE, StreamSession.class).ifPresent(stream -> stream.inbox.execute(() -> {
            var conversation = stream.conversation;
            if (conversation != null) conversation.callEnded("socket closed");
            stream.endRecording();
            var data = new HashMap<String, Object>();
            data.put("code", reason == null ? -1 : reason.getCode());
            stream.event("stream.socket.closed", data);
        }));
    }

    /** Twilio's media {@code timestamp} (ms since the stream started, a string); -1 when missing or not a number. */
    private static long streamMillis(String value) {
        if (value == null) return -1;
        try {
            return Math.max(-1, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A timestamp as a string, whether Twilio sent a string or a number; {@code null} otherwise. */
    private static String streamText(JsonNode value) {
        if (value.isNumber()) return Long.toString(value.getLongValue());
        return value.isString() ? value.getStringValue() : null;
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
