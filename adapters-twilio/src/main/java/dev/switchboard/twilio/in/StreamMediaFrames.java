package dev.switchboard.twilio.in;

import dev.switchboard.domain.modelcall.ForwardingTimes;
import io.micronaut.http.netty.websocket.NettyWebSocketSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * Takes a Media Streams socket's caller audio out of the pipeline before Micronaut's per-message
 * dispatch, which binds the handler method's arguments afresh for every message: at fifty frames
 * a second per call that binding was a tenth of the server's CPU (issue 10's profile). A whole
 * text frame that is plain ASCII (so valid UTF-8) and reads as a {@code media} message is
 * forwarded here, on the event loop, by the same code the socket itself uses
 * ({@link MediaStreamSocket#forwardMedia}); anything else — control frames, fragments, frames the
 * quick look cannot read, other sockets' frames — goes on to Micronaut untouched, in order. It sits
 * after {@link WebSocketMessageCap}, so the size cap and the refusal of binary frames still apply.
 *
 * <p>It also tells the stream its channel, once: the caller line writes agent audio straight to it,
 * and a model socket can run on its event loop ({@link StreamSession#channel}).
 */
final class StreamMediaFrames extends ChannelInboundHandlerAdapter {
    static final String NAME = "switchboard-stream-media";
    /** Not looked up yet; then the connection's stream, or {@link #NOT_A_STREAM}. */
    private Object stream;
    private static final Object NOT_A_STREAM = new Object();
    private final ForwardingTimes forwarding;

    /** @param forwarding told how long each caller frame took from read to handed to the model's socket */
    StreamMediaFrames(ForwardingTimes forwarding) {
        this.forwarding = forwarding;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame frame && frame.isFinalFragment() && streamOf(ctx.channel()) instanceof StreamSession session) {
            long read = System.nanoTime();
            var content = frame.content();
            String text;
            if (content.readableBytes() <= MediaStreamSocket.MAX_FRAME_CHARS && (text = asciiText(content)) != null
                    && MediaStreamSocket.forwardMedia(session, text)) {
                frame.release();
                // Only audio that went on to the model: frames held until the call's start are not forwarded yet.
                if (session.conversation != null) forwarding.callerToModel(System.nanoTime() - read);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private Object streamOf(Channel channel) {
        if (stream != null) return stream;
        var socket = channel.attr(NettyWebSocketSession.WEB_SOCKET_SESSION_KEY).get();
        // Not upgraded yet (no session): asked again at the next frame.
        if (socket == null) return null;
        var session = socket.get(MediaStreamSocket.STATE, StreamSession.class).orElse(null);
        if (session == null) stream = NOT_A_STREAM;
        else {
            session.channel = channel;
            stream = session;
        }
        return stream;
    }

    /**
     * The frame as text if every byte is ASCII, else {@code null}. One copy out of the buffer, then
     * the JDK's ASCII decoder, whose check for high bytes is an intrinsic: a byte-at-a-time scan of
     * the buffer here was a sixth of the server's CPU. A high byte decodes to U+FFFD, which no ASCII
     * text contains, and makes the string two bytes a character, where searching for it is needed.
     */
    private static String asciiText(ByteBuf content) {
        var text = new String(ByteBufUtil.getBytes(content), StandardCharsets.US_ASCII);
        return text.indexOf('\uFFFD') < 0 ? text : null;
    }
}
