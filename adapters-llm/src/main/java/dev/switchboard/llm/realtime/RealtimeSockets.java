package dev.switchboard.llm.realtime;

import dev.switchboard.domain.modelcall.ForwardingTimes;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The WebSocket client of the Realtime sessions: Netty, on a few event loop threads shared by
 * every call, behind the JDK's {@link WebSocket} interface (the session code is written against
 * it). Why not the JDK's own client, which this replaced: under load (issue 10's curve) its
 * per-message cost was a third of the server's CPU — each send encodes through a
 * {@code CharsetEncoder}, draws its mask from a {@code SecureRandom} behind a process-wide lock
 * and hops through a scheduler and futures — and every socket's events ran on an unbounded pool.
 * Here a send is one frame written to the channel (Netty keeps the order of writes), and a
 * socket's events arrive in order on its event loop thread.
 *
 * <p>What the JDK interface promises and this gives: sends are ordered, never throw, and complete
 * at once (the frame is queued on the channel; a failed write closes the socket, which the
 * listener hears through {@code onError}); {@link WebSocket#request} is a no-op (frames are read
 * as they come); a message split over frames is joined before {@code onText}. Listener callbacks
 * must not block: they run on the event loop that carries other calls' audio.
 *
 * <p>Where the socket runs: on the caller line's own event loop when the session was opened with
 * one and this transport can register there (ADR 010): a caller's frame is then written to the
 * model, and the model's audio to the caller, on the thread that read it — no task queued to
 * another thread and no wake-up each way, twice per 20 ms frame per call. Otherwise on this
 * instance's own loops. Linux's epoll is used when its native library is present, else NIO.
 *
 * <p>DNS is resolved on the caller's thread before connecting (the JDK caches it), never on the
 * event loop. {@code wss} uses the JDK's trust store and checks the host name. Thread-safe.
 */
final class RealtimeSockets implements AutoCloseable {
    private static final AtomicLong THREADS = new AtomicLong();
    private static final int MAX_MESSAGE = 16 << 20;
    private static final boolean EPOLL = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final SslContext tls;

    private final ForwardingTimes forwarding;

    /**
     * @param threads event loop threads for the Realtime sockets that cannot run on their caller's loop
     * @param forwarding told how long each message (text, or binary as Gemini sends) took to handle, from read to the listener done
     */
    RealtimeSockets(int threads, ForwardingTimes forwarding) {
        this.forwarding = forwarding;
        group = new MultiThreadIoEventLoopGroup(threads, r -> {
            var t = new Thread(r, "realtime-socket-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        channelType = EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
        try {
            tls = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("no TLS client for wss:// Realtime URLs", e);
        }
    }

    /** The handshake was answered with an HTTP status other than 101. */
    static final class HandshakeRefused extends IOException {
        final int status;

        HandshakeRefused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Opens a socket. The future fails with {@link HandshakeRefused} when the server answers the
     * upgrade with another status, {@link HttpTimeoutException} when connecting and the handshake
     * took longer than {@code timeout}, or the I/O error; on success the listener's
     * {@code onOpen} has been called (on the event loop) before any {@code onText}.
     *
     * @param thread the caller line's event loop, where the socket runs if this transport can
     *     register there; empty, or a thread it cannot use: one of this instance's loops
     */
    CompletableFuture<WebSocket> open(URI uri, Map<String, String> headers, Duration timeout, Optional<Executor> thread,
                                      WebSocket.Listener listener) {
        var opened = new CompletableFuture<WebSocket>();
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        if (!secure && !"ws".equalsIgnoreCase(uri.getScheme())) {
            opened.completeExceptionally(new IllegalArgumentException("not a WebSocket URL: " + uri));
            return opened;
        }
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            opened.completeExceptionally(e);
            return opened;
        }
        var httpHeaders = new DefaultHttpHeaders();
        headers.forEach(httpHeaders::set);
        long timeoutMillis = Math.max(1, timeout.toMillis());
        var socket = new Socket(listener, opened, timeoutMillis, forwarding);
        var bootstrap = new Bootstrap();
        var loop = thread.orElse(null);
        if (loop instanceof IoEventLoop io && EPOLL && io.isCompatible(EpollIoHandle.class)) bootstrap.group(io).channel(EpollSocketChannel.class);
        else if (loop instanceof IoEventLoop io && io.isCompatible(NioIoHandle.class)) bootstrap.group(io).channel(NioSocketChannel.class);
        else bootstrap.group(group).channel(channelType);
        bootstrap
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (secure) {
                            var ssl = tls.newHandler(ch.alloc(), host, port);
                            var parameters = ssl.engine().getSSLParameters();
                            parameters.setEndpointIdentificationAlgorithm("HTTPS");
                            ssl.engine().setSSLParameters(parameters);
                            ch.pipeline().addLast(ssl);
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                                        .version(WebSocketVersion.V13).customHeaders(httpHeaders).maxFramePayloadLength(MAX_MESSAGE)
                                        .handleCloseFrames(false).dropPongFrames(true).handshakeTimeoutMillis(timeoutMillis)
                                        // Every event is read as JSON anyway, and a byte that is not UTF-8 reads as U+FFFD there:
                                        // no need to check each byte of every audio event first (a model over TLS, whose events
                                        // are the largest frames of a stream call).
                                        .withUTF8Validator(false).build()),
                                new WebSocketFrameAggregator(MAX_MESSAGE), socket);
                    }
                })
                .connect(new InetSocketAddress(address, port))
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        var cause = f.cause();
                        socket.failOpen(cause instanceof io.netty.channel.ConnectTimeoutException
                                ? timedOut(timeoutMillis) : cause);
                    }
                });
        return opened;
    }

    private static HttpTimeoutException timedOut(long millis) {
        return new HttpTimeoutException("no WebSocket within " + millis + " ms");
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** One socket: the last handler of its pipeline, and the {@link WebSocket} its listener is given. */
    private static final class Socket extends SimpleChannelInboundHandler<Object> implements WebSocket {
        private final WebSocket.Listener listener;
        private final CompletableFuture<WebSocket> opened;
        private final long timeoutMillis;
        private final AtomicBoolean outputClosed = new AtomicBoolean();
        private volatile boolean inputClosed;
        private volatile Channel channel;

        private final ForwardingTimes forwarding;

        Socket(WebSocket.Listener listener, CompletableFuture<WebSocket> opened, long timeoutMillis, ForwardingTimes forwarding) {
            this.forwarding = forwarding;
            this.listener = listener;
            this.opened = opened;
            this.timeoutMillis = timeoutMillis;
        }

        void failOpen(Throwable cause) {
            opened.completeExceptionally(cause);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
                listener.onOpen(this);
                opened.complete(this);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(timedOut(timeoutMillis));
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof WebSocketFrame frame)) return;
            if (frame instanceof TextWebSocketFrame text) {
                long read = System.nanoTime();
                listener.onText(this, text.text(), true);
                forwarding.modelToCaller(System.nanoTime() - read);
            }
            else if (frame instanceof BinaryWebSocketFrame binary) {
                // Gemini Live sends its JSON messages as binary frames.
                long read = System.nanoTime();
                var bytes = new byte[binary.content().readableBytes()];
                binary.content().getBytes(binary.content().readerIndex(), bytes);
                listener.onBinary(this, ByteBuffer.wrap(bytes), true);
                forwarding.modelToCaller(System.nanoTime() - read);
            } else if (frame instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (frame instanceof CloseWebSocketFrame close) {
                inputClosed = true;
                int code = close.statusCode();
                String reason = close.reasonText();
                // Answer the close (unless we sent ours first) and let the connection go.
                if (outputClosed.compareAndSet(false, true))
                    ctx.writeAndFlush(new CloseWebSocketFrame(code < 0 ? 1000 : code, "")).addListener(ChannelFutureListener.CLOSE);
                else ctx.close();
                listener.onClose(this, code < 0 ? 1005 : code, reason == null ? "" : reason);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!opened.isDone()) opened.completeExceptionally(new IOException("connection closed during the WebSocket handshake"));
            else if (!inputClosed) {
                inputClosed = true;
                listener.onError(this, new IOException("connection lost"));
            }
            outputClosed.set(true);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!opened.isDone()) {
                if (cause instanceof WebSocketClientHandshakeException refused && refused.response() != null)
                    opened.completeExceptionally(new HandshakeRefused(refused.response().status().code(), refused.getMessage()));
                else opened.completeExceptionally(cause);
            }
            ctx.close();
        }

        // ---- WebSocket, as the session uses it ----

        private CompletableFuture<WebSocket> write(WebSocketFrame frame) {
            var ch = channel;
            if (ch == null || outputClosed.get()) {
                frame.release();
                return CompletableFuture.failedFuture(new IOException("output closed"));
            }
            ch.writeAndFlush(frame, ch.voidPromise());
            return CompletableFuture.completedFuture(this);
        }

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            if (!last) throw new UnsupportedOperationException("partial messages are not sent");
            var ch = channel;
            if (ch == null) return CompletableFuture.failedFuture(new IOException("not open"));
            // The JDK's encoder copies a Latin-1 string with no high bytes (every audio frame's JSON) as one array copy;
            // Netty's writeUtf8 and the CharsetEncoder behind new TextWebSocketFrame(String) go a char at a time.
            // Then into a pooled direct buffer: the encoder masks it (RFC 6455) eight bytes at a time, which from a
            // heap buffer it does by assembling each long a byte at a time.
            var bytes = data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return write(new TextWebSocketFrame(ch.alloc().directBuffer(bytes.length).writeBytes(bytes)));
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            if (!last) throw new UnsupportedOperationException("partial messages are not sent");
            return write(new BinaryWebSocketFrame(io.netty.buffer.Unpooled.copiedBuffer(data)));
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            return write(new PingWebSocketFrame(io.netty.buffer.Unpooled.copiedBuffer(message)));
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            return write(new PongWebSocketFrame(io.netty.buffer.Unpooled.copiedBuffer(message)));
        }

        /** Sends the close and lets the connection go once it is written (the server's answer is not awaited). */
        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            var ch = channel;
            if (ch == null || !outputClosed.compareAndSet(false, true)) return CompletableFuture.completedFuture(this);
            var closed = new CompletableFuture<WebSocket>();
            ch.writeAndFlush(new CloseWebSocketFrame(statusCode, reason == null ? "" : reason)).addListener(f -> {
                inputClosed = true;
                ch.close();
                closed.complete(this);
            });
            return closed;
        }

        @Override
        public void request(long n) {
            // Frames are read as they arrive.
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return outputClosed.get();
        }

        @Override
        public boolean isInputClosed() {
            return inputClosed;
        }

        @Override
        public void abort() {
            outputClosed.set(true);
            inputClosed = true;
            var ch = channel;
            if (ch != null) ch.close();
        }

        @Override
        public boolean isSharable() {
            return false;
        }
    }
}
