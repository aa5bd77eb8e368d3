package dev.switchboard.app.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import jakarta.inject.Singleton;

/**
 * What the server adds to each accepted connection's Netty pipeline, below Micronaut's routing:
 * {@link LingeringClose} first, on every connection, and the {@link RequestDeadline} around the
 * HTTP/1 decoder once Micronaut has built it.
 */
@Singleton
final class ConnectionPipeline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private final long requestDeadlineNanos;

    ConnectionPipeline(HttpServerProperties properties) {
        this.requestDeadlineNanos = properties.requestDeadline().toNanos();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null));
        return event.getBean();
    }

    /** Micronaut's hooks for one connection: specialised per accepted channel. */
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
        public void onInitialPipelineBuilt() {
            if (channel instanceof DuplexChannel && channel.pipeline().get(LingeringClose.NAME) == null)
                channel.pipeline().addFirst(LingeringClose.NAME, new LingeringClose());
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && requestDeadlineNanos > 0) RequestDeadline.install(channel.pipeline(), requestDeadlineNanos);
        }
    }
}
