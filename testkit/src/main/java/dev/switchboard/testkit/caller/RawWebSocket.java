package dev.switchboard.testkit.caller;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A WebSocket client that writes frames by hand (RFC 6455), for what well-behaved clients never
 * send: fragmented messages, oversized or interleaved frames, bad opcodes. Plain {@code ws://} only.
 * Single-threaded; not for normal calls (use {@link RelayConnection}).
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** A frame from the server. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, or -1. */
        public int closeCode() {
            return opcode == CLOSE && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Upgrades to {@code wsUrl} with {@code signature} as {@code X-Twilio-Signature} ({@code null}: none).
     *
     * @throws IOException when the server answers anything but 101
     */
    public static RawWebSocket open(String wsUrl, String signature, Duration timeout) throws IOException {
        var uri = URI.create(wsUrl);
        var socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout((int) timeout.toMillis());
        var raw = new RawWebSocket(socket);
        var target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var key = Base64.getEncoder().encodeToString(bytes(16));
        var request = "GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + (signature == null ? "" : "X-Twilio-Signature: " + signature + "\r\n") + "\r\n";
        raw.out.write(request.getBytes(StandardCharsets.US_ASCII));
        raw.out.flush();
        var status = raw.readLine();
        while (!raw.readLine().isEmpty()) {
            // headers: not needed
        }
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake answered " + status);
        }
        return raw;
    }

    /** Sends one masked frame. */
    public void send(boolean fin, int opcode, byte[] payload) throws IOException {
        var header = new ByteArrayOutputStream();
        header.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            header.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            header.write(0x80 | 126);
            header.write(payload.length >>> 8);
            header.write(payload.length & 0xff);
        } else {
            header.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) header.write((int) ((long) payload.length >>> shift) & 0xff);
        }
        var mask = bytes(4);
        header.write(mask);
        var masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        out.write(header.toByteArray());
        out.write(masked);
        out.flush();
    }

    /** Sends a whole text message, in one frame or in fragments of {@code fragmentBytes}. */
    public void sendText(String text, int fragmentBytes) throws IOException {
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        int offset = 0;
        do {
            int end = Math.min(bytes.length, offset + fragmentBytes);
            var part = java.util.Arrays.copyOfRange(bytes, offset, end);
            send(end == bytes.length, offset == 0 ? TEXT : CONTINUATION, part);
            offset = end;
        } while (offset < bytes.length);
    }

    /** The next frame from the server; empty when the connection ended or nothing came in time. */
    public Optional<Frame> next() {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) length = in.readUnsignedShort();
            else if (length == 127) length = in.readLong();
            var payload = new byte[(int) length];
            in.readFully(payload);
            return Optional.of(new Frame((first & 0x80) != 0, first & 0x0f, payload));
        } catch (EOFException | SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the server closed the TCP connection (reads end of stream within the socket timeout). */
    public boolean serverClosed() {
        try {
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String readLine() throws IOException {
        var line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') line.append((char) c);
        return line.toString();
    }

    private static byte[] bytes(int n) {
        var b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
