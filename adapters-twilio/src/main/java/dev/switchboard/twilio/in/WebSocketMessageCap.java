package dev.switchboard.twilio.in;

import dev.switchboard.domain.modelcall.ForwardingTimes;
import dev.switchboard.twilio.config.SocketProperties;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.websocket.NettyServerWebSocketUpgradeHandler;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps a whole WebSocket message in the Netty pipeline, on every socket we serve. Netty limits
 * one frame (64 KiB), but Micronaut joins continuation frames without a limit before any of our
 * code sees the text: 2.4 MB in 60 KB fragments used to reach the handler. Here the fragments of a
 * message are counted as they pass (after permessage-deflate, whose output is capped too) and the
 * first byte over {@link SocketProperties#maxMessageBytes()} closes the socket with 1009. A binary
 * message is passed on as text behind {@link InboundText#BINARY_MARKER}, so the socket refuses it.
 */
@Singleton
final class WebSocketMessageCap implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketMessageCap.class);
    private static final String NAME = "switchboard-websocket-message-cap";
    private final int maxBytes;

    private final ForwardingTimes forwarding;

    /** @param forwarding handed to each connection's {@link StreamMediaFrames} */
    WebSocketMessageCap(SocketProperties properties, ForwardingTimes forwarding) {
        this.forwarding = forwarding;
        this.maxBytes = properties.maxMessageBytes();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null));
        return event.getBean();
    }

    /** Adds the counter, then {@link StreamMediaFrames}, to each HTTP/1 connection's pipeline, just before Micronaut's handlers. */
    private final class PerConnection implements NettyServerCustomizer {
        private final Channel channel;

        PerConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new PerConnection(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) return;
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyServerWebSocketUpgradeHandler.COMPRESSION_HANDLER) != null)
                pipeline.replace(NettyServerWebSocketUpgradeHandler.COMPRESSION_HANDLER, NettyServerWebSocketUpgradeHandler.COMPRESSION_HANDLER,
                        new WebSocketServerCompressionHandler(maxBytes));
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null && pipeline.get(NAME) == null)
                pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, NAME, new Counter(maxBytes));
            // Behind the cap, so caller audio taken out of the pipeline early was counted and checked first.
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null && pipeline.get(StreamMediaFrames.NAME) == null)
                pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, StreamMediaFrames.NAME, new StreamMediaFrames(forwarding));
        }
    }

    /** Counts one connection's current message; HTTP traffic before the upgrade passes untouched. */
    static final class Counter extends ChannelInboundHandlerAdapter {
        private final int maxBytes;
        private long messageBytes;
        private boolean closing;

        Counter(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof WebSocketFrame frame)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (closing) {
                frame.release();
                return;
            }
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) messageBytes = 0;
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                messageBytes += frame.content().readableBytes();
                if (messageBytes > maxBytes) {
                    closing = true;
                    frame.release();
                    // The socket hears it first (the last fragment of what it got of the message), so the
                    // call's timeline says why the socket closed; the close itself reaches it as 1006.
                    ctx.fireChannelRead(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(InboundText.OVERSIZE_MARKER)));
                    LOG.warn("closed a WebSocket with 1009: a message over {} bytes", maxBytes);
                    ctx.writeAndFlush(new CloseWebSocketFrame(1009, "message over " + maxBytes + " bytes"))
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            if (frame instanceof BinaryWebSocketFrame binary) {
                // Our sockets take text only; Micronaut would read these bytes as text. Marked, they are refused (InboundText).
                ctx.fireChannelRead(new TextWebSocketFrame(binary.isFinalFragment(), binary.rsv(),
                        Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(InboundText.BINARY_MARKER), binary.content())));
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
