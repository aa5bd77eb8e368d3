package dev.switchboard.testkit.load;

import dev.switchboard.testkit.audio.TestSignals;
import dev.switchboard.testkit.caller.TwilioSignature;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.realtime.AudioTag;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import dev.switchboard.testkit.LoopTransport;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Media Streams call of a load run, played as Twilio plays it (PROTOCOLS.md §4.2, §5): the
 * signed voice webhook, the {@code <Connect><Stream>} socket with a signed handshake,
 * {@code connected}, {@code start} with the TwiML's parameters, a tagged {@code media} frame every
 * 20 ms with Twilio's {@code sequenceNumber}, {@code chunk} and {@code timestamp}, the agent's
 * audio played at 8 kHz with each {@code mark} echoed once the audio before it has played, then
 * {@code stop}, the close and the status callbacks.
 *
 * <p>Lighter than {@code StreamCall}, for thousands at once: the socket is Netty's, on one of a
 * few shared event loops ({@link CallerLoops}), which also paces its 20 ms frames; everything the
 * socket does (frames out, server messages in, playback and marks) runs on that one loop, so
 * nothing is locked. Only {@link #dial} and {@link #hangUp} (the webhooks, which block) run
 * elsewhere, on the run's dialing threads. Each frame's tag is written when the frame is built
 * on its tick, so any lateness of the caller's own loop counts against the forwarding delay,
 * never for it.
 */
final class StreamLoadCall implements CallerLoops.Paced {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FRAME = AudioTag.FRAME_BYTES;
    private static final long TIMEOUT_SECONDS = 15;
    // One second of speech-like audio under the tags, cycled: the server forwards it without listening.
    private static final byte[] SPEECH = TestSignals.speechLike(1000, 0);
    private final int run;
    private final int index;
    private final VirtualCaller caller;
    private final CallerLoops loops;
    private final StreamLoadRun.Target target;
    private final String accountSid;
    private final FrameTally tally;
    private final String callSid = sid("CA");
    private final String streamSid = sid("MZ");
    /** Agent audio (byte[]) and marks (String) in the order they came; confined to the loop. */
    private final ArrayDeque<Object> playback = new ArrayDeque<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile Channel channel;
    private boolean pacing;
    private int sequence;
    private int frame;
    private volatile boolean voiceAnswered;
    private volatile boolean hungUp;
    private volatile boolean serverClosed;

    /** @param caller posts the signed webhooks, on account {@code accountSid} */
    StreamLoadCall(int run, int index, VirtualCaller caller, String accountSid, CallerLoops loops, StreamLoadRun.Target target, FrameTally tally) {
        this.run = run;
        this.index = index;
        this.caller = caller;
        this.accountSid = accountSid;
        this.loops = loops;
        this.target = target;
        this.tally = tally;
    }

    /**
     * Rings: the voice webhook, then the stream's socket; once it is open, {@code connected},
     * {@code start} and the caller's frames every 20 ms, on the socket's loop. Blocks for the
     * webhook (at most about 15 s): call on a dialing thread. The handshake is not waited for
     * here: a dialing thread blocked on a slow handshake held up the calls after it, so under
     * load calls started seconds late and the plateau carried fewer calls than it said.
     *
     * @return why the call could not be placed, or {@code null} once it is live
     */
    CompletableFuture<String> dial() {
        long dialed = System.nanoTime();
        var voice = caller.postVoiceWebhook(caller.voiceParameters(callSid));
        long answered = System.nanoTime();
        if (!voice.ok()) return CompletableFuture.completedFuture(voice.status() < 0 ? "voice webhook unreachable" : "voice webhook answered " + voice.status());
        voiceAnswered = true;
        tally.webhook.add(answered - dialed);
        TwimlDocument.Connect connect;
        try {
            connect = TwimlDocument.parse(voice.body()).connect().filter(c -> c.streamUrl().isPresent()).orElse(null);
        } catch (IllegalArgumentException notTwiml) {
            return CompletableFuture.completedFuture("voice webhook answered no TwiML");
        }
        if (connect == null) return CompletableFuture.completedFuture("no <Connect><Stream> in the TwiML");
        var signedUrl = connect.streamUrl().get().startsWith("/") ? webSocket(target.publicUrl()) + connect.streamUrl().get() : connect.streamUrl().get();
        var uri = URI.create(reachable(signedUrl));
        if (!"ws".equalsIgnoreCase(uri.getScheme()))
            return CompletableFuture.completedFuture("the load client opens ws:// streams only, not " + uri.getScheme());
        var headers = new DefaultHttpHeaders().set("X-Twilio-Signature", TwilioSignature.signHandshake(target.authToken(), signedUrl));
        var start = startMessage(connect);
        new Bootstrap().group(loops.group()).channel(LoopTransport.clientSocket())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                                        .version(WebSocketVersion.V13).customHeaders(headers).maxFramePayloadLength(1 << 20)
                                        // What the server sends is counted and checked by tag; a UTF-8 pass here is CPU the server lacks.
                                        .withUTF8Validator(false)
                                        .handleCloseFrames(false).dropPongFrames(true)
                                        .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)).build()),
                                new WebSocketFrameAggregator(1 << 20), new Handler(start));
                    }
                })
                .connect(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) opened.completeExceptionally(f.cause());
                });
        return opened.handle((ok, e) -> {
            if (e == null) {
                tally.handshake.add(System.nanoTime() - answered);
                return null;
            }
            var cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof WebSocketClientHandshakeException h && h.response() != null)
                return "stream handshake answered " + h.response().status().code();
            return cause instanceof TimeoutException ? "stream socket failed: no handshake within " + TIMEOUT_SECONDS + " s"
                    : "stream socket failed: " + cause.getClass().getSimpleName();
        });
    }

    private String startMessage(TwimlDocument.Connect connect) {
        var parameters = new StringBuilder();
        connect.streamParameters().forEach((name, value) -> parameters.append(parameters.isEmpty() ? "" : ",")
                .append(quote(name)).append(':').append(quote(value)));
        return "\"streamSid\":\"" + streamSid + "\",\"start\":{\"streamSid\":\"" + streamSid + "\",\"accountSid\":\"" + accountSid
                + "\",\"callSid\":\"" + callSid + "\",\"tracks\":[\"inbound\"],\"customParameters\":{" + parameters
                + "},\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}";
    }

    @Override
    public int slot() {
        return index;
    }

    /** One 20 ms tick of the phone, on the loop: the caller's next tagged frame goes out, 20 ms of the agent plays. */
    @Override
    public void tick() {
        try {
            if (hungUp || serverClosed) return;
            var audio = new byte[FRAME];
            int at = frame++;
            System.arraycopy(SPEECH, (at * FRAME) % SPEECH.length, audio, 0, FRAME);
            new AudioTag(run, index, at, System.nanoTime()).writeInto(audio, 0);
            send("{\"event\":\"media\",\"sequenceNumber\":\"" + (++sequence) + "\",\"streamSid\":\"" + streamSid
                    + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + (at + 1) + "\",\"timestamp\":\"" + (at * 20L)
                    + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}}");
            tally.callerSent(index);
            play();
        } catch (RuntimeException | Error e) {
            tally.clockErrors.incrementAndGet();
        }
    }

    /** Plays 20 ms of queued agent audio; echoes the marks reached, as Twilio does once the audio before them has played. */
    private void play() {
        int left = FRAME;
        while (!playback.isEmpty() && (left > 0 || playback.peek() instanceof String)) {
            var next = playback.poll();
            if (next instanceof String mark) {
                echoMark(mark);
                continue;
            }
            var chunk = (byte[]) next;
            int n = Math.min(left, chunk.length);
            left -= n;
            if (n < chunk.length) playback.addFirst(Arrays.copyOfRange(chunk, n, chunk.length));
        }
    }

    private void echoMark(String name) {
        send("{\"event\":\"mark\",\"sequenceNumber\":\"" + (++sequence) + "\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":"
                + quote(name) + "}}");
    }

    /** Must run on the loop. */
    private void send(String text) {
        var ch = channel;
        if (ch == null || serverClosed) return;
        // One array copy for the Latin-1 JSON (the frame's String constructor encodes a char at a time), into a
        // pooled direct buffer: the encoder masks it (RFC 6455) eight bytes at a time, which from a heap buffer
        // it does by assembling each long a byte at a time (an eighth of this client's samples at 1,000 calls).
        var bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ch.writeAndFlush(new TextWebSocketFrame(ch.alloc().directBuffer(bytes.length).writeBytes(bytes)), ch.voidPromise());
    }

    /** Whether every agent frame the model sent has arrived and no answer is under way (or the stream is gone). */
    boolean settled() {
        return serverClosed || channel == null || tally.modelToCaller(index).settled();
    }

    /**
     * Hangs up: the frames stop, {@code stop}, the close (waited for at most 10 s), and the status
     * callbacks. Blocks: call on a dialing thread.
     */
    void hangUp() throws InterruptedException {
        if (hungUp) return;
        var ch = channel;
        if (ch != null && ch.isActive()) {
            var closed = new CompletableFuture<Void>();
            ch.eventLoop().execute(() -> {
                hungUp = true;
                if (pacing) loops.stop(ch.eventLoop(), this);
                pacing = false;
                if (!serverClosed) send("{\"event\":\"stop\",\"sequenceNumber\":\"" + (++sequence) + "\",\"streamSid\":\"" + streamSid
                        + "\",\"stop\":{\"accountSid\":\"" + accountSid + "\",\"callSid\":\"" + callSid + "\"}}");
                ch.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> {
                    ch.close();
                    closed.complete(null);
                });
            });
            try {
                closed.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException gone) {
                ch.close();
            }
        }
        hungUp = true;
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

    /** A server message, on the loop. */
    private void onServerMessage(String text, long arrived) {
        if (text.contains("\"event\":\"media\"")) {
            var payload = field(text, "payload");
            if (payload == null) return;
            var audio = Base64.getDecoder().decode(payload);
            for (int at = 0; at < audio.length; at += FRAME) tally.callerHeard(index, AudioTag.readFrom(audio, at), arrived);
            playback.add(audio);
        } else if (text.contains("\"event\":\"mark\"")) {
            var name = field(text, "name");
            if (name != null) playback.add(name);
        } else if (text.contains("\"event\":\"clear\"")) {
            tally.clears.incrementAndGet();
            // Pending marks come back at a clear (harmless by design, PROTOCOLS.md §5.5).
            for (var item : playback) if (item instanceof String mark) echoMark(mark);
            playback.clear();
        }
    }

    /** The socket's last handler: everything here runs on the call's loop. */
    private final class Handler extends SimpleChannelInboundHandler<Object> {
        private final String start;

        Handler(String start) {
            this.start = start;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
                send("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
                send("{\"event\":\"start\",\"sequenceNumber\":\"" + (++sequence) + "\"," + start);
                tally.started(index, System.nanoTime());
                loops.pace(ctx.channel().eventLoop(), StreamLoadCall.this);
                pacing = true;
                opened.complete(null);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new TimeoutException("no handshake"));
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame text) onServerMessage(text.text(), System.nanoTime());
            else if (msg instanceof PingWebSocketFrame ping) ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            else if (msg instanceof CloseWebSocketFrame) {
                if (!hungUp) serverClosed = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!hungUp) serverClosed = true;
            if (pacing) loops.stop(ctx.channel().eventLoop(), StreamLoadCall.this);
            pacing = false;
            opened.completeExceptionally(new java.io.IOException("connection closed"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            opened.completeExceptionally(cause);
            ctx.close();
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
}
