package dev.switchboard.testkit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The event loops of the testkit's own sockets (the load client's callers, the fake model
 * servers): Linux's epoll when its native library is on the class path (the packaged jar has
 * it), else NIO. The load client and the fakes share the machine with the server they measure,
 * so they use the transport the server uses: NIO's selector costs them CPU the server then lacks.
 */
public final class LoopTransport {
    private static final boolean EPOLL = Epoll.isAvailable();

    private LoopTransport() {
    }

    /** A group of {@code threads} event loops on this transport. */
    public static EventLoopGroup loops(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The client socket type that runs on {@link #loops}. */
    public static Class<? extends SocketChannel> clientSocket() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The listening socket type that runs on {@link #loops}. */
    public static Class<? extends ServerSocketChannel> serverSocket() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
