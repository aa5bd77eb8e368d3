package dev.switchboard.persistence.out;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP link between the pool and PostgreSQL that can lose the database's answer to one commit:
 * the transaction that ran a given statement is committed by the server (ReadyForQuery sent),
 * then the link throws the answer away and cuts the connection. The client
 * sees a broken connection and cannot know that its write was stored — the window a network
 * fault or a failover opens in production. Speaks nothing but PostgreSQL's message framing.
 */
final class LostAnswerLink implements AutoCloseable {
    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);
    private final ServerSocket listener;
    private final int databasePort;
    private final AtomicReference<byte[]> armed = new AtomicReference<>();
    private final AtomicInteger answersLost = new AtomicInteger();

    LostAnswerLink(int databasePort) throws IOException {
        this.databasePort = databasePort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var acceptor = new Thread(this::accept, "lost-answer-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next transaction to run a statement containing {@code text} commits, and the answer to its COMMIT is lost with the connection. */
    void loseTheCommitAnswerAfter(String text) {
        armed.set(text.getBytes(StandardCharsets.UTF_8));
    }

    int answersLost() {
        return answersLost.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                var client = listener.accept();
                var server = new Socket(InetAddress.getLoopbackAddress(), databasePort);
                new Connection(client, server).start();
            } catch (IOException e) {
                if (listener.isClosed()) return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** One client's connection: a thread each way. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private boolean primed;
        private volatile boolean losing;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            daemon(this::clientToServer, "lost-answer-link-up").start();
            daemon(this::serverToClient, "lost-answer-link-down").start();
        }

        private void clientToServer() {
            var buffer = new byte[64 * 1024];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    var text = armed.get();
                    if (text != null && contains(buffer, n, text) && armed.compareAndSet(text, null)) primed = true;
                    // The server is idle between statements, so its next byte starts the answer to this one.
                    if (primed && contains(buffer, n, COMMIT)) {
                        primed = false;
                        losing = true;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side closed: so does this one.
            } finally {
                closeBoth();
            }
        }

        private void serverToClient() {
            var buffer = new byte[64 * 1024];
            var framing = new Framing();
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (!losing) {
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    if (framing.readyForQueryIn(buffer, n)) {
                        answersLost.incrementAndGet();
                        return;
                    }
                }
            } catch (IOException e) {
                // The other side closed: so does this one.
            } finally {
                closeBoth();
            }
        }

        private void closeBoth() {
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Follows the server's messages (a type byte, a length that counts itself) to the end of a ReadyForQuery ('Z'). */
    private static final class Framing {
        private final byte[] header = new byte[5];
        private int headerRead;
        private long bodyLeft;

        boolean readyForQueryIn(byte[] bytes, int length) {
            int i = 0;
            while (i < length) {
                if (bodyLeft > 0) {
                    int skip = (int) Math.min(bodyLeft, length - i);
                    bodyLeft -= skip;
                    i += skip;
                    if (bodyLeft == 0 && header[0] == 'Z') return true;
                    continue;
                }
                header[headerRead++] = bytes[i++];
                if (headerRead < 5) continue;
                headerRead = 0;
                bodyLeft = (((header[1] & 0xff) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8) | (header[4] & 0xff)) - 4L;
                if (bodyLeft == 0 && header[0] == 'Z') return true;
            }
            return false;
        }
    }

    private static boolean contains(byte[] bytes, int length, byte[] text) {
        outer:
        for (int i = 0; i + text.length <= length; i++) {
            for (int j = 0; j < text.length; j++) if (bytes[i + j] != text[j]) continue outer;
            return true;
        }
        return false;
    }

    private static Thread daemon(Runnable body, String name) {
        var thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
