package dev.switchboard.testkit.caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny stand-in for the Switchboard server on loopback, written against the wire protocols
 * only: HTTP/1.1 webhooks and a hand-rolled WebSocket (RFC 6455) on one port, validating every
 * Twilio signature against a public URL that differs from where it listens.
 */
final class FakeSwitchboard implements AutoCloseable {
    static final String PUBLIC_URL = "https://public.example.test";
    static final String KNOWN_NUMBER = "+15005550006";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String authToken;
    private final ServerSocket server;
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    final List<String> handshakes = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();

    FakeSwitchboard(String authToken) throws IOException {
        this.authToken = authToken;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var acceptor = new Thread(this::accept, "fake-switchboard");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The requests posted to {@code path}, as {@code _path} plus the form parameters. */
    List<Map<String, String>> posted(String path) {
        return requests.stream().filter(r -> r.get("_path").equals(path)).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var socket = server.accept();
                var worker = new Thread(() -> serve(socket), "fake-switchboard-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; var in = socket.getInputStream(); var out = socket.getOutputStream()) {
            var requestLine = line(in).split(" ");
            var headers = new LinkedHashMap<String, String>();
            for (var header = line(in); !header.isEmpty(); header = line(in)) {
                var colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            var target = requestLine[1];
            if ("websocket".equalsIgnoreCase(headers.get("upgrade"))) relay(target, headers, in, out);
            else webhook(target, headers, in, out);
        } catch (IOException | RuntimeException e) {
            // A test server: a broken connection ends that connection only.
        }
    }

    private void webhook(String target, Map<String, String> headers, InputStream in, OutputStream out) throws IOException {
        var body = new String(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))), StandardCharsets.UTF_8);
        var params = new LinkedHashMap<String, String>();
        for (var pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            var kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        var expected = TwilioSignature.sign(authToken, PUBLIC_URL + target, params);
        if (!expected.equals(headers.get("x-twilio-signature"))) {
            respond(out, 403, "text/plain", "bad signature");
            return;
        }
        var record = new LinkedHashMap<String, String>();
        record.put("_path", target);
        record.put("_idempotency", headers.getOrDefault("i-twilio-idempotency-token", ""));
        record.putAll(params);
        requests.add(record);
        switch (target) {
            case "/webhooks/twilio/voice" -> respond(out, 200, "text/xml", KNOWN_NUMBER.equals(params.get("To"))
                    ? """
                      <?xml version="1.0" encoding="UTF-8"?>
                      <Response><Connect action="%s/webhooks/twilio/relay-action">\
                      <ConversationRelay url="wss://public.example.test/webhooks/twilio/relay?tenant=acme&amp;call=%s" \
                      welcomeGreeting="Hello, Acme here." language="fr-FR" dtmfDetection="true" interruptible="any">\
                      <Parameter name="tenantId" value="acme"/></ConversationRelay></Connect></Response>"""
                            .formatted(PUBLIC_URL, params.get("CallSid"))
                    : "<Response><Say>This number is not in service.</Say><Hangup/></Response>");
            case "/webhooks/twilio/relay-action" -> respond(out, 200, "text/xml", params.containsKey("HandoffData")
                    ? "<Response><Dial><Number>+14155550123</Number></Dial></Response>" : "<Response><Hangup/></Response>");
            default -> respond(out, 204, "text/plain", "");
        }
    }

    private void relay(String target, Map<String, String> headers, InputStream in, OutputStream out) throws IOException {
        var expected = TwilioSignature.signHandshake(authToken, "wss://public.example.test" + target);
        if (!expected.equals(headers.get("x-twilio-signature"))) {
            respond(out, 403, "text/plain", "");
            return;
        }
        handshakes.add(target);
        var accept = Base64.getEncoder().encodeToString(sha1(headers.get("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        while (true) {
            int b0 = in.read();
            if (b0 < 0) return;
            int b1 = in.read();
            long length = b1 & 0x7f;
            if (length == 126) length = (in.read() << 8) | in.read();
            else if (length == 127) length = java.nio.ByteBuffer.wrap(in.readNBytes(8)).getLong();
            var mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
            var payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
            switch (b0 & 0x0f) {
                case 0x8 -> {
                    frame(out, 0x8, new byte[] {0x03, (byte) 0xe8});
                    return;
                }
                case 0x9 -> frame(out, 0xA, payload);
                case 0x2 -> received.add("<binary " + payload.length + " bytes>");
                default -> {
                    var text = new String(payload, StandardCharsets.UTF_8);
                    received.add(text);
                    if (!converse(text, out)) return;
                }
            }
        }
    }

    /** The agent: echoes prompts, tells a story until interrupted, transfers, hangs up. */
    private boolean converse(String text, OutputStream out) throws IOException {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException notJson) {
            return true;
        }
        var type = message.path("type").asText();
        if ("dtmf".equals(type) && "0".equals(message.path("digit").asText())) {
            say(out, "Connecting you.", true);
            send(out, "{\"type\":\"end\",\"handoffData\":\"{\\\"reason\\\":\\\"caller pressed 0\\\"}\"}");
        }
        if (!"prompt".equals(type) || !message.path("last").asBoolean()) return true;
        switch (message.path("voicePrompt").asText()) {
            case "transfer me" -> {
                say(out, "Transferring you now.", true);
                send(out, "{\"type\":\"end\",\"handoffData\":\"{\\\"reason\\\":\\\"human_requested\\\"}\"}");
            }
            case "tell me a story" -> {
                // One token, then silence until the caller barges in: nothing stale in flight.
                say(out, "Once upon a time, ", false);
            }
            case "drop the line" -> {
                frame(out, 0x8, new byte[] {0x03, (byte) 0xf3});
                return false;
            }
            default -> {
                say(out, "You said: ", false);
                say(out, message.path("voicePrompt").asText(), false);
                say(out, "", true);
            }
        }
        return true;
    }

    private static void say(OutputStream out, String token, boolean last) throws IOException {
        send(out, JSON.createObjectNode().put("type", "text").put("token", token).put("last", last).toString());
    }

    private static void send(OutputStream out, String text) throws IOException {
        frame(out, 0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        var frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    private static void respond(OutputStream out, int status, String type, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("connection closed mid-line");
            if (c != '\r') line.write(c);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
