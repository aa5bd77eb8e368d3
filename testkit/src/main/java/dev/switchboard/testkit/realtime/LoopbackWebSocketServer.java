package dev.switchboard.testkit.realtime;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import dev.switchboard.testkit.LoopTransport;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A WebSocket server on loopback (Netty) for the fakes of speech-to-speech model APIs: it looks at
 * each handshake first (the fake may refuse it with an HTTP status and body, as the real API
 * refuses a wrong key before upgrading), then hands text frames to a per-connection handler.
 */
abstract class LoopbackWebSocketServer implements AutoCloseable {
    /** One accepted connection. */
    interface Connection {
        void text(String frame);

        void closed(int code, String reason);
    }

    /**
     * The handshake refused: answered with this status and JSON body instead of 101, or, with
     * {@link #DROP}, the TCP connection closed without an answer (a server that cannot be reached).
     */
    record Refusal(int status, String body) {
        static final Refusal DROP = new Refusal(-1, "");
    }

    private final EventLoopGroup group = LoopTransport.loops(2, new io.netty.util.concurrent.DefaultThreadFactory("fake-model-loop", true));
    private final Channel server;

    LoopbackWebSocketServer(String path) {
        this(path, 0);
    }

    /** @param port the loopback port to listen on; 0 for any free one */
    LoopbackWebSocketServer(String path, int port) {
        this(path, port, true);
    }

    /**
     * @param checkUtf8 whether text frames are checked for valid UTF-8 (as the real APIs do); the
     *     load test's fake skips it, as its cost lands on the machine the server is measured on
     */
    LoopbackWebSocketServer(String path, int port, boolean checkUtf8) {
        try {
            server = new ServerBootstrap().group(group).channel(LoopTransport.serverSocket())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handshake(),
                                    new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                            .websocketPath(path).checkStartsWith(true).maxFramePayloadLength(1 << 22)
                                            .decoderConfig(io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig.newBuilder()
                                                    .maxFramePayloadLength(1 << 22).withUTF8Validator(checkUtf8).build())
                                            .handleCloseFrames(false).build()),
                                    new Frames());
                        }
                    }).bind("127.0.0.1", port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private volatile java.util.concurrent.CountDownLatch handshakes = new java.util.concurrent.CountDownLatch(0);

    /**
     * Holds every handshake from now on until {@link #answerHandshakes}: a slow provider, so a
     * test can end its call while the model's socket is still opening. The fake's event loop
     * waits meanwhile (at most 30 s).
     */
    public void holdHandshakes() {
        handshakes = new java.util.concurrent.CountDownLatch(1);
    }

    /** Lets the held handshakes (and every later one) go on. */
    public void answerHandshakes() {
        handshakes.countDown();
    }

    /** The loopback port. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Looks at a handshake before it is upgraded.
     *
     * @param uri the request target (path and query)
     * @return a refusal, or empty to upgrade
     */
    protected abstract Optional<Refusal> refuse(String uri, Map<String, String> headers);

    /**
     * A plain HTTP request (no upgrade) to this server: a fake that is driven from another process
     * answers its control requests here. Called on the event loop.
     *
     * @return the answer's body (200, {@code application/octet-stream}), or empty to treat it as a handshake
     */
    protected Optional<byte[]> control(String method, String uri) {
        return Optional.empty();
    }

    /** A connection was upgraded; {@code socket} sends to it. */
    protected abstract Connection accepted(String uri, Map<String, String> headers, Socket socket);

    /** Sends to one connected client. */
    public static final class Socket {
        private final Channel channel;

        Socket(Channel channel) {
            this.channel = channel;
        }

        public void send(String text) {
            // One array copy for Latin-1 text (every audio event): the String constructor of the frame encodes a char at a time.
            channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8))));
        }

        /** The connection's event loop: work scheduled here runs in order with its frames, with no thread hop to send. */
        public io.netty.channel.EventLoop loop() {
            return channel.eventLoop();
        }

        /** Sends UTF-8 text in a binary frame (as Gemini Live sends its JSON). */
        public void sendBinary(String text) {
            channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame(
                    Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
        }

        public void close(int code, String reason) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }

        public boolean isOpen() {
            return channel.isActive();
        }
    }

    private static final io.netty.util.AttributeKey<Connection> CONNECTION = io.netty.util.AttributeKey.valueOf("connection");

    private final class Handshake extends SimpleChannelInboundHandler<FullHttpRequest> {
        Handshake() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            var answer = request.headers().contains(HttpHeaderNames.UPGRADE) ? Optional.<byte[]>empty()
                    : control(request.method().name(), request.uri());
            if (answer.isPresent()) {
                request.release();
                var body = Unpooled.wrappedBuffer(answer.get());
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            try {
                handshakes.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            var headers = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            var refusal = refuse(request.uri(), headers);
            if (refusal.isPresent()) {
                request.release();
                if (refusal.get().status() < 0) {
                    ctx.close();
                    return;
                }
                var body = Unpooled.copiedBuffer(refusal.get().body(), StandardCharsets.UTF_8);
                var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(refusal.get().status()), body);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.channel().attr(CONNECTION).set(accepted(request.uri(), headers, new Socket(ctx.channel())));
            ctx.fireChannelRead(request);
        }
    }

    private static final class Frames extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object frame) {
            var connection = ctx.channel().attr(CONNECTION).get();
            if (connection == null) return;
            if (frame instanceof TextWebSocketFrame text) connection.text(text.text());
            else if (frame instanceof io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame binary)
                connection.text(binary.content().toString(StandardCharsets.UTF_8));
            else if (frame instanceof CloseWebSocketFrame close) {
                connection.closed(close.statusCode(), close.reasonText());
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reasonText())).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            var connection = ctx.channel().attr(CONNECTION).get();
            if (connection != null) connection.closed(1006, "connection lost");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
