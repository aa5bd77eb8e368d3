package dev.switchboard.testkit.load;

import dev.switchboard.testkit.audio.TestSignals;
import dev.switchboard.testkit.caller.TwilioSignature;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.realtime.AudioTag;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Media Streams call of a load run, played as Twilio plays it (PROTOCOLS.md §4.2, §5): the
 * signed voice webhook, the {@code <Connect><Stream>} socket with a signed handshake,
 * {@code connected}, {@code start} with the TwiML's parameters, a tagged {@code media} frame every
 * 20 ms with Twilio's {@code sequenceNumber}, {@code chunk} and {@code timestamp}, the agent's
 * audio played at 8 kHz with each {@code mark} echoed once the audio before it has played, then
 * {@code stop}, the close and the status callbacks.
 *
 * <p>Lighter than {@code StreamCall}, for thousands at once: it keeps no audio, its 20 ms ticks
 * run on a clock shared by all calls, and its sends wait in an outbox sent one at a time (the JDK
 * socket takes one at a time) so no thread waits on the network. Thread-safe.
 */
final class StreamLoadCall {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FRAME = AudioTag.FRAME_BYTES;
    // One second of speech-like audio under the tags, cycled: the server forwards it without listening.
    private static final byte[] SPEECH = TestSignals.speechLike(1000, 0);
    private final int run;
    private final int index;
    private final VirtualCaller caller;
    private final HttpClient http;
    private final StreamLoadRun.Target target;
    private final String accountSid;
    private final FrameTally tally;
    private final String callSid = sid("CA");
    private final String streamSid = sid("MZ");
    private final ArrayDeque<Object> playback = new ArrayDeque<>();
    /** Messages waiting for the socket, in order; guarded by this object's monitor. */
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean sending;
    private WebSocket socket;
    private ScheduledFuture<?> ticking;
    private int sequence;
    private int frame;
    private boolean voiceAnswered;
    private volatile boolean hungUp;
    private volatile boolean serverClosed;

    /**
     * @param caller     posts the signed webhooks, on account {@code accountSid}
     * @param http       opens the stream's socket
     */
    StreamLoadCall(int run, int index, VirtualCaller caller, String accountSid, HttpClient http, StreamLoadRun.Target target, FrameTally tally) {
        this.run = run;
        this.index = index;
        this.caller = caller;
        this.accountSid = accountSid;
        this.http = http;
        this.target = target;
        this.tally = tally;
    }

    /**
     * Rings: the voice webhook, then the stream's socket, {@code connected}, {@code start}, and the
     * caller's frames every 20 ms on {@code clock}.
     *
     * @return why the call could not be placed, or {@code null} when it is live
     */
    String dial(ScheduledExecutorService clock) {
        long dialed = System.nanoTime();
        var voice = caller.postVoiceWebhook(caller.voiceParameters(callSid));
        long answered = System.nanoTime();
        if (!voice.ok()) return voice.status() < 0 ? "voice webhook unreachable" : "voice webhook answered " + voice.status();
        voiceAnswered = true;
        tally.webhook.add(answered - dialed);
        TwimlDocument.Connect connect;
        try {
            connect = TwimlDocument.parse(voice.body()).connect().filter(c -> c.streamUrl().isPresent()).orElse(null);
        } catch (IllegalArgumentException notTwiml) {
            return "voice webhook answered no TwiML";
        }
        if (connect == null) return "no <Connect><Stream> in the TwiML";
        var signedUrl = connect.streamUrl().get().startsWith("/") ? webSocket(target.publicUrl()) + connect.streamUrl().get() : connect.streamUrl().get();
        try {
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(15))
                    .header("X-Twilio-Signature", TwilioSignature.signHandshake(target.authToken(), signedUrl))
                    .buildAsync(URI.create(reachable(signedUrl)), new Listener()).get();
        } catch (ExecutionException e) {
            return e.getCause() instanceof WebSocketHandshakeException h ? "stream handshake answered " + h.getResponse().statusCode()
                    : "stream socket failed: " + e.getCause().getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        tally.handshake.add(System.nanoTime() - answered);
        synchronized (this) {
            send("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        }
        var parameters = new StringBuilder();
        connect.streamParameters().forEach((name, value) -> parameters.append(parameters.isEmpty() ? "" : ",")
                .append(quote(name)).append(':').append(quote(value)));
        synchronized (this) {
            send("{\"event\":\"start\",\"sequenceNumber\":\"" + (++sequence) + "\",\"streamSid\":\"" + streamSid + "\",\"start\":{\"streamSid\":\""
                    + streamSid + "\",\"accountSid\":\"" + accountSid + "\",\"callSid\":\"" + callSid
                    + "\",\"tracks\":[\"inbound\"],\"customParameters\":{" + parameters + "},\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\","
                    + "\"sampleRate\":8000,\"channels\":1}}}");
            tally.started(index, System.nanoTime());
            ticking = clock.scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
        }
        flush();
        return null;
    }

    /**
     * One 20 ms tick of the phone: the caller's next tagged frame goes out, 20 ms of the agent
     * plays. Never throws: a periodic task that throws is never run again.
     */
    private void tick() {
        try {
            frameAndPlay();
        } catch (RuntimeException | Error e) {
            tally.clockErrors.incrementAndGet();
        }
    }

    private void frameAndPlay() {
        if (hungUp || serverClosed) return;
        var audio = new byte[FRAME];
        int at;
        String text;
        synchronized (this) {
            at = frame++;
            System.arraycopy(SPEECH, (at * FRAME) % SPEECH.length, audio, 0, FRAME);
            new AudioTag(run, index, at, System.nanoTime()).writeInto(audio, 0);
            text = "{\"event\":\"media\",\"sequenceNumber\":\"" + (++sequence) + "\",\"streamSid\":\"" + streamSid
                    + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + (at + 1) + "\",\"timestamp\":\"" + (at * 20L)
                    + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}}";
            send(text);
        }
        tally.callerSent(index);
        play();
        flush();
    }

    /** Plays 20 ms of queued agent audio; echoes the marks reached, as Twilio does once the audio before them has played. */
    private void play() {
        var marks = new ArrayList<String>();
        synchronized (this) {
            int left = FRAME;
            while (!playback.isEmpty() && (left > 0 || playback.peek() instanceof String)) {
                var next = playback.poll();
                if (next instanceof String mark) {
                    marks.add(mark);
                    continue;
                }
                var chunk = (byte[]) next;
                int n = Math.min(left, chunk.length);
                left -= n;
                if (n < chunk.length) playback.addFirst(java.util.Arrays.copyOfRange(chunk, n, chunk.length));
            }
            for (var mark : marks) echoMark(mark);
        }
    }

    /** Must hold the monitor. */
    private void echoMark(String name) {
        send("{\"event\":\"mark\",\"sequenceNumber\":\"" + (++sequence) + "\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":"
                + quote(name) + "}}");
    }

    /**
     * Before hanging up: asks the model for no new answer, then waits up to {@code max} for the
     * answer under way to be sent and for every agent frame sent to arrive (the caller keeps
     * streaming meanwhile, as a phone line does), so frames still on their way are not counted lost.
     */
    void drain(Duration max) throws InterruptedException {
        tally.ending(index);
        long deadline = System.nanoTime() + max.toNanos();
        while (!tally.modelToCaller(index).settled() && !serverClosed && System.nanoTime() < deadline) Thread.sleep(20);
    }

    /** Hangs up: the frames stop, {@code stop}, the socket closed, and the status callbacks. */
    void hangUp() {
        if (hungUp) return;
        hungUp = true;
        boolean open;
        synchronized (this) {
            if (ticking != null) ticking.cancel(false);
            open = socket != null && !serverClosed;
            if (open) send("{\"event\":\"stop\",\"sequenceNumber\":\"" + (++sequence) + "\",\"streamSid\":\"" + streamSid
                    + "\",\"stop\":{\"accountSid\":\"" + accountSid + "\",\"callSid\":\"" + callSid + "\"}}");
        }
        if (open) {
            flush();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (outboxBusy() && !serverClosed && System.nanoTime() < deadline) Thread.sleep(10);
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception gone) {
                // The server went away first.
            }
        }
        if (voiceAnswered) {
            caller.postSigned("/webhooks/twilio/status", status("in-progress"));
            caller.postSigned("/webhooks/twilio/status", status("completed"));
        }
    }

    /** Whether the server closed the stream before the caller hung up. */
    boolean serverClosed() {
        return serverClosed;
    }

    private java.util.Map<String, String> status(String status) {
        var p = caller.callParameters(callSid, status);
        p.put("CallbackSource", "call-progress-events");
        p.put("SequenceNumber", "completed".equals(status) ? "1" : "0");
        if ("completed".equals(status)) {
            int seconds = Math.max(1, frame / 50);
            p.put("CallDuration", String.valueOf(seconds));
            p.put("Duration", String.valueOf((seconds + 59) / 60));
        }
        return p;
    }

    /**
     * Queues one message after the previous ones; must hold the monitor (so the order of the
     * queue is the order of the sequence numbers). {@link #flush} then sends it.
     */
    private void send(String text) {
        if (socket == null || serverClosed) return;
        outbox.add(text);
    }

    /** Sends what is queued unless a send is under way (which sends it after); never call holding the monitor. */
    private void flush() {
        synchronized (this) {
            if (sending || outbox.isEmpty()) return;
            sending = true;
        }
        pump();
    }

    private synchronized boolean outboxBusy() {
        return sending;
    }

    /**
     * Sends the outbox one message at a time. A send that completes at once is followed in this
     * loop, one that is pending resumes the loop when it completes: chaining futures instead nests
     * one stack frame per queued message, and a backlog overflowed the stack of the clock thread.
     */
    private void pump() {
        while (true) {
            String next;
            synchronized (this) {
                next = outbox.poll();
                if (next == null || serverClosed) {
                    outbox.clear();
                    sending = false;
                    return;
                }
            }
            CompletableFuture<WebSocket> sent;
            try {
                sent = socket.sendText(next, true);
            } catch (RuntimeException e) {
                continue;
            }
            if (!sent.isDone()) {
                sent.whenComplete((ws, error) -> pump());
                return;
            }
        }
    }

    private void onServerMessage(String text, long arrived) {
        if (text.contains("\"event\":\"media\"")) {
            var payload = field(text, "payload");
            if (payload == null) return;
            var audio = Base64.getDecoder().decode(payload);
            for (int at = 0; at < audio.length; at += FRAME) tally.callerHeard(index, AudioTag.readFrom(audio, at), arrived);
            synchronized (this) {
                playback.add(audio);
            }
        } else if (text.contains("\"event\":\"mark\"")) {
            var name = field(text, "name");
            if (name != null) synchronized (this) {
                playback.add(name);
            }
        } else if (text.contains("\"event\":\"clear\"")) {
            tally.clears.incrementAndGet();
            synchronized (this) {
                // Pending marks come back at a clear (harmless by design, PROTOCOLS.md §5.5).
                for (var item : playback) if (item instanceof String mark) echoMark(mark);
                playback.clear();
            }
            flush();
        }
    }

    /** The string value of {@code "name":"…"} in a compact JSON message; names and marks here need no unescaping. */
    private static String field(String json, String name) {
        var key = "\"" + name + "\":\"";
        int from = json.indexOf(key);
        if (from < 0) return null;
        int to = json.indexOf('"', from + key.length());
        return to < 0 ? null : json.substring(from + key.length(), to);
    }

    private String reachable(String signedUrl) {
        var publicRest = withoutScheme(target.publicUrl());
        var signedRest = withoutScheme(signedUrl);
        if (signedRest.startsWith(publicRest)) return webSocket(target.baseUrl()) + signedRest.substring(publicRest.length());
        return signedUrl;
    }

    private static String withoutScheme(String url) {
        int colon = url.indexOf("://");
        return colon < 0 ? url : url.substring(colon + 3);
    }

    private static String webSocket(String httpUrl) {
        if (httpUrl.startsWith("https://")) return "wss://" + httpUrl.substring(8);
        if (httpUrl.startsWith("http://")) return "ws://" + httpUrl.substring(7);
        return httpUrl;
    }

    private static String quote(String s) {
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    private static String sid(String prefix) {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onServerMessage(partial.toString(), System.nanoTime());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            serverClosed = !hungUp;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            serverClosed = !hungUp;
        }
    }
}
