package dev.switchboard.testkit.caller;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The caller's end of a ConversationRelay WebSocket: Twilio is the client (PROTOCOLS.md §6).
 * Records every frame in both directions, in order, and queues what the server sends.
 * Sending is thread-safe; {@link #next} is meant for one consuming thread.
 */
public final class RelayConnection implements AutoCloseable {
    private final WebSocket socket;
    private final BlockingQueue<Incoming> inbox;
    private final List<RelayFrame> frames;
    private volatile boolean closed;

    /** Something the server did on the socket. */
    public sealed interface Incoming {
        /** A whole text (or, as {@code <binary N bytes>}, binary) message. */
        record Message(String text) implements Incoming {}

        /** The socket closed (server close frame, or our own close completing). */
        record Closed(int code, String reason) implements Incoming {}

        /** The connection broke. */
        record Failed(String error) implements Incoming {}
    }

    private RelayConnection(WebSocket socket, BlockingQueue<Incoming> inbox, List<RelayFrame> frames) {
        this.socket = socket;
        this.inbox = inbox;
        this.frames = frames;
    }

    /**
     * Opens the socket as Twilio does: a GET upgrade carrying {@code X-Twilio-Signature}.
     *
     * @param connectUrl where to connect ({@code ws://} or {@code wss://})
     * @param signature  the header value to send, or {@code null} to send none
     * @throws RelayHandshakeRejected when the server answers anything but 101, or cannot be reached
     */
    public static RelayConnection open(HttpClient http, String connectUrl, String signature, Duration timeout) {
        var inbox = new LinkedBlockingQueue<Incoming>();
        var frames = Collections.synchronizedList(new ArrayList<RelayFrame>());
        var builder = http.newWebSocketBuilder().connectTimeout(timeout);
        if (signature != null) builder.header("X-Twilio-Signature", signature);
        try {
            var socket = builder.buildAsync(URI.create(connectUrl), new Listener(inbox, frames))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new RelayConnection(socket, inbox, frames);
        } catch (ExecutionException e) {
            var cause = e.getCause();
            int status = cause instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
            throw new RelayHandshakeRejected(connectUrl, status, cause);
        } catch (TimeoutException e) {
            throw new RelayHandshakeRejected(connectUrl, -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + connectUrl, e);
        }
    }

    /** Sends one text frame; {@code false} if the socket is already closed or the send failed. */
    public synchronized boolean send(String text) {
        if (closed || socket.isOutputClosed()) return false;
        frames.add(RelayFrame.sent(text));
        return completes(socket.sendText(text, true));
    }

    /** Sends one binary frame (Twilio never does: for robustness tests). */
    public synchronized boolean sendBinary(byte[] bytes) {
        if (closed || socket.isOutputClosed()) return false;
        frames.add(RelayFrame.sent("<binary " + bytes.length + " bytes>"));
        return completes(socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** The next thing the server did, waiting at most {@code timeout}. */
    public Optional<Incoming> next(Duration timeout) {
        try {
            return Optional.ofNullable(inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whatever the server sent that has not been taken yet, without waiting. */
    public List<Incoming> drain() {
        var all = new ArrayList<Incoming>();
        inbox.drainTo(all);
        return all;
    }

    /** Every frame so far, both directions, in order. */
    public List<RelayFrame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** Whether the server or we have closed the socket. */
    public boolean isClosed() {
        return closed || socket.isInputClosed();
    }

    /** Hangs up: a normal close (1000), as Twilio sends when the caller hangs up. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (!socket.isOutputClosed()) completes(socket.sendClose(WebSocket.NORMAL_CLOSURE, "caller hung up"));
        socket.abort();
    }

    private static boolean completes(CompletionStage<WebSocket> send) {
        try {
            send.toCompletableFuture().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reassembles fragmented messages and queues them; records each as it arrives. */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Incoming> inbox;
        private final List<RelayFrame> frames;
        private final StringBuilder text = new StringBuilder();
        private int binaryLength;

        Listener(BlockingQueue<Incoming> inbox, List<RelayFrame> frames) {
            this.inbox = inbox;
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                var message = text.toString();
                text.setLength(0);
                frames.add(RelayFrame.received(message));
                inbox.add(new Incoming.Message(message));
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            binaryLength += data.remaining();
            if (last) {
                var message = "<binary " + binaryLength + " bytes>";
                binaryLength = 0;
                frames.add(RelayFrame.received(message));
                inbox.add(new Incoming.Message(message));
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            inbox.add(new Incoming.Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            inbox.add(new Incoming.Failed(error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())));
        }
    }
}
