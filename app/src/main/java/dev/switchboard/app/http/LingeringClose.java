package dev.switchboard.app.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes every connection the server closes the way RFC 9112 §9.6 asks: output first, then input
 * read and thrown away until the client closes too, or {@link #LINGER} has passed. Closed at once,
 * a socket that still holds unread bytes sends a reset, and a client still writing loses the answer:
 * the JDK's client, sending a 100 KB header, read "no bytes" instead of its 413 about one time in
 * twenty. The same holds for a WebSocket closed with 1009 while the client is still sending. One per
 * connection, first in its pipeline ({@link ConnectionPipeline}), so it sees every close.
 */
final class LingeringClose extends ChannelDuplexHandler {
    static final String NAME = "switchboard-lingering-close";
    /** Long enough for a client to read an answer and hang up; short enough that a client that never does costs little. */
    static final Duration LINGER = Duration.ofSeconds(2);
    private boolean lingering;

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        var channel = (DuplexChannel) ctx.channel();
        channel.closeFuture().addListener(closed -> promise.trySuccess());
        if (lingering) return;
        lingering = true;
        if (!channel.isActive() || channel.isOutputShutdown()) {
            ctx.close();
            return;
        }
        // Whatever was written before the close goes out before the half-close: writes complete in order.
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (!written.isSuccess()) {
                ctx.close();
                return;
            }
            channel.shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) ctx.close();
            });
            channel.config().setAutoRead(true);
            ctx.read();
            var deadline = ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(closed -> deadline.cancel(false));
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset while lingering is the client's way of hanging up; nobody above is listening any more.
        if (lingering) ctx.close();
        else ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!lingering) ctx.fireChannelReadComplete();
    }
}
