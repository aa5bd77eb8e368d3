package dev.switchboard.app.http;

import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for each HTTP request to arrive whole, from its first byte to its last
 * ({@code SWITCHBOARD_REQUEST_DEADLINE}). Micronaut's idle timeout starts again with every byte,
 * so a client sending a header a byte every 20 s held its connection for as long as it liked
 * (slow-loris). Headers still incomplete at the deadline are answered 408 (Micronaut never saw the
 * request); a body still incomplete has its connection closed. A connection upgraded to a
 * WebSocket is no longer watched: a call's socket lives as long as the call.
 *
 * <p>One per connection, as a small state machine: idle → headers → body → idle, or unwatched for
 * good (upgraded to a WebSocket, or expired). Everything runs on the connection's event loop.
 */
final class RequestDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
    static final String FIRST_BYTE = "switchboard-request-deadline-start";
    static final String LAST_BYTE = "switchboard-request-deadline-end";
    private enum Stage { IDLE, HEADERS, BODY, UNWATCHED }

    private final long deadlineNanos;
    private Stage stage = Stage.IDLE;
    private ScheduledFuture<?> timer;
    private long requestsRead;
    private long responsesWritten;
    private ChannelHandlerContext afterDecoder;
    private final ChannelInboundHandlerAdapter firstByte = new FirstByte();
    private final ChannelDuplexHandler lastByte = new LastByte();

    private RequestDeadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Puts the watch on both sides of the HTTP/1 decoder: bytes before it, whole requests after it. */
    static void install(ChannelPipeline pipeline, long deadlineNanos) {
        if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null || pipeline.get(FIRST_BYTE) != null) return;
        var watch = new RequestDeadline(deadlineNanos);
        pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, FIRST_BYTE, watch.firstByte);
        pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, LAST_BYTE, watch.lastByte);
    }

    private void start(ChannelHandlerContext ctx) {
        stage = Stage.HEADERS;
        timer = ctx.executor().schedule(() -> expire(ctx), deadlineNanos, TimeUnit.NANOSECONDS);
    }

    private void stop(Stage next) {
        stage = next;
        if (timer != null) timer.cancel(false);
        timer = null;
    }

    private void expire(ChannelHandlerContext ctx) {
        var was = stage;
        stage = Stage.UNWATCHED;
        if (was != Stage.HEADERS && was != Stage.BODY) return;
        LOG.info("closed a connection from {}: its request's {} still incomplete after {} ms", ctx.channel().remoteAddress(),
                was == Stage.HEADERS ? "headers were" : "body was", TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
        // Only headers that never became a request, with every earlier request answered, can be answered here
        // without cutting into an answer Micronaut is writing; otherwise the connection just closes.
        if (was == Stage.HEADERS && requestsRead == responsesWritten && afterDecoder != null) {
            afterDecoder.writeAndFlush(timeoutAnswer(deadlineNanos)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** Before the decoder: the first byte of a request starts its clock. */
    private final class FirstByte extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (stage == Stage.IDLE) start(ctx);
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stop(Stage.UNWATCHED);
            ctx.fireChannelInactive();
        }
    }

    /** After the decoder: complete headers move to the body, the last content stops the clock; answers are counted going out. */
    private final class LastByte extends ChannelDuplexHandler {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            afterDecoder = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (stage != Stage.UNWATCHED) {
                if (msg instanceof HttpRequest request) {
                    if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) stop(Stage.UNWATCHED);
                    else stage = Stage.BODY;
                }
                if (msg instanceof LastHttpContent && stage != Stage.UNWATCHED) {
                    requestsRead++;
                    stop(Stage.IDLE);
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            // An interim answer (100 Continue) is not the request's answer.
            if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL))
                responsesWritten++;
            ctx.write(msg, promise);
        }
    }

    private static FullHttpResponse timeoutAnswer(long deadlineNanos) {
        var body = ("{\"type\":\"https://switchboard.dev/problems/request-timeout\",\"title\":\"Request Timeout\",\"status\":408,"
                + "\"detail\":\"The request did not arrive whole within " + java.time.Duration.ofNanos(deadlineNanos).toMillis()
                + " ms of its first byte.\"}").getBytes(StandardCharsets.UTF_8);
        var answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(body));
        answer.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return answer;
    }
}
