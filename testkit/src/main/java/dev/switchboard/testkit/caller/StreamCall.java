package dev.switchboard.testkit.caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A call on the Media Streams runtime as Twilio plays it (PROTOCOLS.md §4.2, §5): the signed
 * voice webhook, the {@code <Connect><Stream>} socket opened with a signed handshake, then
 * {@code connected} and {@code start} (with the TwiML's {@code <Parameter>}s), and every 20 ms a
 * {@code media} frame of the caller's audio, in real time. What the server sends back is played
 * as a phone would: its {@code media} is queued and played at 8 kHz (recorded as heard), a
 * {@code mark} is echoed once the audio queued before it has played, and {@code clear} drops what
 * is unplayed (pending marks are echoed, as a Twilio-compatible server does — harmless by design).
 * Thread-safe.
 */
public final class StreamCall implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VirtualCaller caller;
    private final String callSid;
    private final String streamSid = Sids.random("MZ");
    private final WebhookExchange voiceWebhook;
    private final Optional<TwimlDocument> twiml;
    private final CallerAudio audio;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "virtual-phone");
        t.setDaemon(true);
        return t;
    });
    private final List<JsonNode> received = new ArrayList<>();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
    private final ByteArrayOutputStream agentAudio = new ByteArrayOutputStream();
    private final ArrayDeque<Object> playback = new ArrayDeque<>();
    /** Caller audio queued by {@link #say}, one 20 ms frame each, sent before the call's own audio. */
    private final ArrayDeque<byte[]> said = new ArrayDeque<>();
    private long agentTurnFrom;
    private long agentAudioSeen = -1;
    private int handshakeStatus = -1;
    private WebSocket socket;
    private int sequence;
    private int frame;
    private volatile boolean serverClosed;
    private volatile boolean hungUp;
    private volatile boolean marksLost;
    private int clears;

    private StreamCall(VirtualCaller caller, String callSid, WebhookExchange voiceWebhook, Optional<TwimlDocument> twiml, CallerAudio audio) {
        this.caller = caller;
        this.callSid = callSid;
        this.voiceWebhook = voiceWebhook;
        this.twiml = twiml;
        this.audio = audio;
    }

    static StreamCall dial(VirtualCaller caller, CallerAudio audio, String callSid) {
        var voice = caller.postVoiceWebhook(caller.voiceParameters(callSid));
        Optional<TwimlDocument> twiml = Optional.empty();
        if (voice.ok()) {
            try {
                twiml = Optional.of(TwimlDocument.parse(voice.body()));
            } catch (IllegalArgumentException notTwiml) {
                // Twilio would play its application-error message.
            }
        }
        var call = new StreamCall(caller, callSid, voice, twiml, audio);
        twiml.flatMap(TwimlDocument::connect).filter(c -> c.streamUrl().isPresent()).ifPresent(call::connect);
        return call;
    }

    private void connect(TwimlDocument.Connect connect) {
        var signedUrl = caller.endpoints().absolute(connect.streamUrl().get(), true);
        try {
            socket = caller.http().newWebSocketBuilder().connectTimeout(caller.replyTimeout())
                    .header("X-Twilio-Signature", TwilioSignature.signHandshake(caller.authToken(), signedUrl))
                    .buildAsync(URI.create(caller.endpoints().reachable(signedUrl)), new Listener()).get();
        } catch (ExecutionException e) {
            handshakeStatus = e.getCause() instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        handshakeStatus = 101;
        send(Map.of("event", "connected", "protocol", "Call", "version", "1.0.0"));
        var start = new LinkedHashMap<String, Object>();
        start.put("streamSid", streamSid);
        start.put("accountSid", caller.accountSid());
        start.put("callSid", callSid);
        start.put("tracks", List.of("inbound"));
        start.put("customParameters", connect.streamParameters());
        start.put("mediaFormat", Map.of("encoding", "audio/x-mulaw", "sampleRate", 8000, "channels", 1));
        send(message("start", "start", start));
        clock.scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** One 20 ms tick of the phone: the caller's next frame goes out, 20 ms of the agent plays. */
    private void tick() {
        if (hungUp || serverClosed) return;
        var bytes = nextCallerFrame();
        synchronized (this) {
            sent.writeBytes(bytes);
        }
        var media = new LinkedHashMap<String, Object>();
        media.put("track", "inbound");
        media.put("chunk", String.valueOf(frame + 1));
        media.put("timestamp", String.valueOf(frame * 20L));
        media.put("payload", Base64.getEncoder().encodeToString(bytes));
        frame++;
        send(message("media", "media", media));
        play(CallerAudio.FRAME_BYTES);
    }

    /** What the caller says next (queued by {@link #speak} or {@link #pressInBand}), else the call's own audio. */
    private byte[] nextCallerFrame() {
        synchronized (this) {
            if (!said.isEmpty()) {
                var next = said.poll();
                return next;
            }
        }
        return audio.frame(frame);
    }

    /**
     * Says these μ-law bytes next, in place of the call's own audio (20 ms at a time, the last
     * frame padded with silence), e.g. after hearing the agent out.
     */
    public void say(byte[] mulaw) {
        synchronized (this) {
            for (int i = 0; i < mulaw.length; i += CallerAudio.FRAME_BYTES) {
                var piece = dev.switchboard.testkit.audio.TestSignals.silence(20);
                System.arraycopy(mulaw, i, piece, 0, Math.min(CallerAudio.FRAME_BYTES, mulaw.length - i));
                said.add(piece);
            }
        }
    }

    /** Speaks for {@code millis}: a speech-like signal that a voice-activity detector hears as a turn, then a short pause. */
    public void speak(int millis) {
        say(concat(dev.switchboard.testkit.audio.TestSignals.speechLike(millis, 0), dev.switchboard.testkit.audio.TestSignals.silence(200)));
    }

    /**
     * Presses a key the way a phone's keypad sounds in the audio: its DTMF tone for 120 ms, then a
     * pause (unlike {@link #press}, no {@code dtmf} message: the server must hear it).
     */
    public void pressInBand(char digit) {
        say(concat(dev.switchboard.testkit.audio.TestSignals.dtmf(digit, 120, 0), dev.switchboard.testkit.audio.TestSignals.silence(200)));
    }

    /** Whether what {@link #say} queued has all been sent. */
    public synchronized boolean saidEverything() {
        return said.isEmpty();
    }

    /**
     * Waits until the agent has spoken since the last call (or since the call began) and all it
     * sent has played, with nothing more for {@code quiet}: its turn is over (or the server closed
     * the stream after it spoke).
     *
     * @return the milliseconds of agent audio of that turn
     */
    public long awaitAgentTurn(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long quietSince = -1;
        while (System.currentTimeMillis() < deadline) {
            synchronized (this) {
                boolean spoke = agentAudio.size() > agentTurnFrom;
                boolean drained = playback.stream().noneMatch(item -> item instanceof byte[]);
                if (spoke && drained && agentAudio.size() == agentAudioSeen) {
                    if (quietSince < 0) quietSince = System.currentTimeMillis();
                    if (System.currentTimeMillis() - quietSince >= quiet.toMillis()) {
                        long millis = (agentAudio.size() - agentTurnFrom) / 8;
                        agentTurnFrom = agentAudio.size();
                        return millis;
                    }
                } else {
                    quietSince = -1;
                }
                agentAudioSeen = agentAudio.size();
                if (serverClosed && spoke) {
                    // The agent's last turn ended with the call (the phone stops playing when the stream closes).
                    long millis = (agentAudio.size() - agentTurnFrom) / 8;
                    agentTurnFrom = agentAudio.size();
                    return millis;
                }
            }
            if (serverClosed) throw new AssertionError("the server closed the stream while waiting for the agent");
            Thread.sleep(20);
        }
        throw new AssertionError("the agent did not finish a turn within " + timeout);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        var out = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    private void play(int bytes) {
        var marks = new ArrayList<String>();
        synchronized (this) {
            int left = bytes;
            while (left > 0 || (!playback.isEmpty() && playback.peek() instanceof String)) {
                var next = playback.peek();
                if (next == null) break;
                if (next instanceof String mark) {
                    playback.poll();
                    marks.add(mark);
                    continue;
                }
                var chunk = (byte[]) next;
                int n = Math.min(left, chunk.length);
                heard.write(chunk, 0, n);
                left -= n;
                playback.poll();
                if (n < chunk.length) playback.addFirst(java.util.Arrays.copyOfRange(chunk, n, chunk.length));
            }
            for (int i = 0; i < left; i++) heard.write(0xFF);
        }
        marks.forEach(this::echoMark);
    }

    private void echoMark(String name) {
        if (marksLost) return;
        send(message("mark", "mark", Map.of("name", name)));
    }

    /**
     * From now on no {@code mark} comes back (the audio still plays): a mark lost on the way, or a
     * stream that stopped confirming playback. The server must not wait for them forever.
     */
    public void loseMarks() {
        marksLost = true;
    }

    private void onServerMessage(JsonNode node) {
        var event = node.path("event").asText();
        synchronized (this) {
            received.add(node);
            notifyAll();
        }
        switch (event) {
            case "media" -> {
                var bytes = Base64.getDecoder().decode(node.path("media").path("payload").asText(""));
                synchronized (this) {
                    agentAudio.writeBytes(bytes);
                    playback.add(bytes);
                }
            }
            case "mark" -> {
                synchronized (this) {
                    playback.add(node.path("mark").path("name").asText());
                }
            }
            case "clear" -> {
                var pending = new ArrayList<String>();
                synchronized (this) {
                    clears++;
                    for (var item : playback) if (item instanceof String mark) pending.add(mark);
                    playback.clear();
                }
                pending.forEach(this::echoMark);
            }
            default -> { }
        }
    }

    /** Presses a key: Twilio reports it as a {@code dtmf} message. */
    public void press(char digit) {
        send(message("dtmf", "dtmf", Map.of("track", "inbound_track", "digit", String.valueOf(digit))));
    }

    /** Waits until the server sent a message matching {@code wanted}. */
    public JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (this) {
            while (true) {
                for (var node : received) if (wanted.test(node)) return node;
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new AssertionError("the server never sent it within " + timeout + "; got " + received.size() + " messages");
                wait(left);
            }
        }
    }

    /** Waits until {@code millis} of agent audio reached the phone. */
    public void awaitAgentAudio(long millis, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (this) {
            while (agentAudio.size() < millis * 8) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new AssertionError("only " + agentAudio.size() / 8 + " ms of agent audio within " + timeout);
                wait(left);
            }
        }
    }

    /** Waits until the server closed the stream (it ended the call, or moved it on with new TwiML). */
    public boolean awaitServerClosed(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!serverClosed && System.currentTimeMillis() < deadline) Thread.sleep(20);
        return serverClosed;
    }

    /** Hangs up: {@code stop}, the socket closed, and the status callbacks. */
    public List<WebhookExchange> hangUp() {
        if (hungUp) return List.of();
        hungUp = true;
        // Not shutdownNow: interrupting a tick mid-send would leave its frame pending, and the JDK
        // then refuses the stop and close below (one send at a time), so the server never hears the end.
        clock.shutdown();
        try {
            clock.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socket != null && !serverClosed) {
            send(message("stop", "stop", Map.of("accountSid", caller.accountSid(), "callSid", callSid)));
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Gone already.
            }
        }
        var statuses = new ArrayList<WebhookExchange>();
        if (voiceWebhook.ok()) {
            statuses.add(caller.webhooks().postSigned(caller.statusPath(), status("in-progress"), Sids.idempotencyToken()));
            statuses.add(caller.webhooks().postSigned(caller.statusPath(), status("completed"), Sids.idempotencyToken()));
        }
        return statuses;
    }

    @Override
    public void close() {
        hangUp();
    }

    private Map<String, String> status(String status) {
        var p = caller.callParameters(callSid, status);
        p.put("CallbackSource", "call-progress-events");
        p.put("SequenceNumber", "completed".equals(status) ? "1" : "0");
        if ("completed".equals(status)) {
            p.put("CallDuration", String.valueOf(Math.max(1, frame / 50)));
            p.put("Duration", "1");
        }
        return p;
    }

    public String callSid() { return callSid; }
    public String streamSid() { return streamSid; }
    public WebhookExchange voiceWebhook() { return voiceWebhook; }
    public Optional<TwimlDocument> twiml() { return twiml; }
    /** 101 when the socket upgraded, the refusing HTTP status, or -1 (never tried or unreachable). */
    public int handshakeStatus() { return handshakeStatus; }
    public boolean serverClosed() { return serverClosed; }
    /** Every message the server sent, in order. */
    public synchronized List<JsonNode> received() { return List.copyOf(received); }
    public synchronized List<JsonNode> received(String event) {
        return received.stream().filter(n -> event.equals(n.path("event").asText())).toList();
    }
    public synchronized int clears() { return clears; }
    /** The caller audio sent so far (μ-law). */
    public synchronized byte[] sent() { return sent.toByteArray(); }
    /** The agent audio received, as sent by the server (μ-law). */
    public synchronized byte[] agentAudio() { return agentAudio.toByteArray(); }
    /** What the caller heard, one byte per 1/8000 s of the call (silence where nothing played). */
    public synchronized byte[] heard() { return heard.toByteArray(); }

    /** Writes what the caller heard as an 8 kHz μ-law WAV. */
    public void writeHeard(Path path) throws IOException {
        var data = heard();
        var header = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x46464952).putInt(50 + data.length).putInt(0x45564157)
                .putInt(0x20746d66).putInt(18).putShort((short) 7).putShort((short) 1).putInt(8000).putInt(8000)
                .putShort((short) 1).putShort((short) 8).putShort((short) 0)
                .putInt(0x74636166).putInt(4).putInt(data.length)
                .putInt(0x61746164).putInt(data.length);
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(header.array(), 0, header.position());
            out.write(data);
            if ((data.length & 1) == 1) out.write(0);
        }
    }

    private Map<String, Object> message(String event, String field, Map<String, ?> body) {
        var m = new LinkedHashMap<String, Object>();
        m.put("event", event);
        synchronized (this) {
            m.put("sequenceNumber", String.valueOf(++sequence));
        }
        m.put("streamSid", streamSid);
        m.put(field, body);
        return m;
    }

    private void send(Map<String, ?> message) {
        var ws = socket;
        if (ws == null || serverClosed) return;
        try {
            var text = JSON.writeValueAsString(message);
            synchronized (ws) {
                // One frame at a time: the JDK refuses a send while the previous one is pending.
                ws.sendText(text, true).get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // The server went away: nothing more to send.
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    onServerMessage(JSON.readTree(partial.toString()));
                } catch (IOException ignored) {
                    // Not JSON: Twilio would report 31951; recorded as nothing.
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            serverClosed = !hungUp;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            serverClosed = !hungUp;
        }
    }
}
