package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.caller.RawWebSocket;
import dev.switchboard.testkit.caller.TwimlDocument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the stop-12 outside probe found (docs/security.md, "Outside probe, stop 12"), kept as tests
 * that speak raw HTTP and raw WebSocket frames, as an attacker or a buggy client would, not the
 * testkit's well-behaved habits.
 */
@MicronautTest
class OutsideProbeE2eTest extends OfflineSalonStage {
    /** An answer read off the wire: status line, content type, body. */
    record Answer(int status, String contentType, String body) {}

    /** One request written byte for byte (no client library adds or fixes anything), its answer read until the server closes. */
    private Answer raw(String request) throws IOException {
        try (var socket = new Socket("localhost", server.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            var in = socket.getInputStream();
            var bytes = new ByteArrayOutputStream();
            var buffer = new byte[8192];
            // Read the head, then exactly Content-Length bytes (a refused upgrade may keep the connection open).
            int headEnd = -1;
            while (headEnd < 0) {
                int n = in.read(buffer);
                if (n < 0) break;
                bytes.write(buffer, 0, n);
                headEnd = bytes.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
            var text = bytes.toString(StandardCharsets.ISO_8859_1);
            var head = headEnd < 0 ? text : text.substring(0, headEnd);
            int length = 0;
            String type = "";
            for (var line : head.split("\r\n")) {
                var lower = line.toLowerCase();
                if (lower.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).strip());
                if (lower.startsWith("content-type:")) type = line.substring(13).strip();
            }
            while (headEnd >= 0 && bytes.size() < headEnd + 4 + length) {
                int n = in.read(buffer);
                if (n < 0) break;
                bytes.write(buffer, 0, n);
            }
            var all = bytes.toString(StandardCharsets.UTF_8);
            var body = headEnd < 0 ? "" : all.substring(Math.min(all.length(), headEnd + 4));
            return new Answer(Integer.parseInt(head.split(" ")[1]), type, body);
        }
    }

    private static String formPost(String path, String body, String signature) {
        return "POST " + path + " HTTP/1.1\r\nHost: switchboard.test\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + (signature == null ? "" : "X-Twilio-Signature: " + signature + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String upgrade(String target, String signature) {
        return "GET " + target + " HTTP/1.1\r\nHost: switchboard.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (signature == null ? "" : "X-Twilio-Signature: " + signature + "\r\n") + "\r\n";
    }

    @Test
    void every_refused_webhook_and_handshake_answers_problem_json_saying_why() throws IOException {
        var form = "CallSid=CA" + "5".repeat(32) + "&AccountSid=AC" + "0".repeat(32) + "&From=%2B33612345678&To="
                + salon.number.replace("+", "%2B") + "&CallStatus=ringing&MessageSid=SM" + "5".repeat(32) + "&MessageStatus=delivered";
        var refused = new ArrayList<String>();
        for (var path : List.of("/webhooks/twilio/voice", "/webhooks/twilio/status", "/webhooks/twilio/relay-action",
                "/webhooks/twilio/sms", "/webhooks/twilio/sms-status"))
            for (var signature : new String[] {null, "Zm9yZ2VkIHNpZ25hdHVyZSE="}) {
                var answer = raw(formPost(path, form, signature));
                refused.add(path + " " + answer.status() + " " + answer.contentType());
                assertThat(json.readValue(answer.body(), Map.class)).containsEntry("status", 403).containsEntry("instance", path)
                        .containsEntry("type", "https://switchboard.dev/problems/forbidden")
                        .containsEntry("detail", "X-Twilio-Signature is missing or does not match this URL and these parameters");
            }
        assertThat(refused).allMatch(line -> line.endsWith(" 403 application/problem+json"));

        var relay = raw(upgrade("/webhooks/twilio/relay?tenant=" + UUID.randomUUID() + "&call=" + UUID.randomUUID(), "Zm9yZ2VkIHNpZ25hdHVyZSE="));
        var stream = raw(upgrade("/webhooks/twilio/stream/" + UUID.randomUUID() + "/" + UUID.randomUUID(), null));
        var nowhere = raw(upgrade("/webhooks/twilio/voice", null));
        assertThat(List.of(relay, stream, nowhere)).extracting(Answer::status, Answer::contentType).containsExactly(
                org.assertj.core.groups.Tuple.tuple(403, "application/problem+json"), org.assertj.core.groups.Tuple.tuple(403, "application/problem+json"),
                org.assertj.core.groups.Tuple.tuple(404, "application/problem+json"));
        assertThat(json.readValue(relay.body(), Map.class)).containsEntry("type", "https://switchboard.dev/problems/forbidden")
                .containsEntry("instance", "/webhooks/twilio/relay");
        // Nothing was stored for any of it.
        assertThat((List<?>) salon.owner.get("/api/v1/calls").json().get("items")).isEmpty();
    }

    /** A new call's relay URL (public), from the TwiML the voice webhook answered. */
    private String relayUrlOfANewCall(String callSid) {
        var caller = salon.caller();
        return TwimlDocument.parse(caller.postVoiceWebhook(caller.voiceParameters(callSid)).body()).conversationRelay().orElseThrow().url();
    }

    private RawWebSocket rawSocket(String url) throws IOException {
        var local = "ws://localhost:" + server.getPort() + url.substring(RelayFixture.PUBLIC_URL.replace("https", "wss").length());
        return RawWebSocket.open(local, salon.caller().signatureFor(url, Map.of()), Duration.ofSeconds(20));
    }

    private static String setupFor(String callSid, String url) {
        var query = url.substring(url.indexOf('?') + 1).split("&");
        return "{\"type\":\"setup\",\"sessionId\":\"VX" + "1".repeat(32) + "\",\"callSid\":\"" + callSid
                + "\",\"callStatus\":\"RINGING\",\"customParameters\":{\"tenant\":\"" + query[0].substring("tenant=".length())
                + "\",\"call\":\"" + query[1].substring("call=".length()) + "\"}}";
    }

    @SuppressWarnings("unchecked")
    private static List<Object> errors(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("timeline")).stream().filter(e -> "error".equals(e.get("type")))
                .map(e -> ((Map<String, Object>) e.get("data")).get("message")).toList();
    }

    /** Micronaut used to read a binary frame as text and malformed UTF-8 with U+FFFD: both reached the model and the transcript. */
    @Test
    void a_binary_frame_and_text_that_is_not_utf8_are_refused_on_the_timeline_and_the_call_goes_on() throws IOException {
        var sid = "CA" + "6".repeat(32);
        var url = relayUrlOfANewCall(sid);
        try (var socket = rawSocket(url)) {
            socket.sendText(setupFor(sid, url), 1 << 16);
            socket.send(true, RawWebSocket.BINARY, "{\"type\":\"prompt\",\"voicePrompt\":\"binaire\",\"last\":true}".getBytes(StandardCharsets.UTF_8));
            var broken = "{\"type\":\"prompt\",\"voicePrompt\":\"cass\u00e9 ##\",\"last\":true}".getBytes(StandardCharsets.UTF_8);
            broken[broken.length - 16] = (byte) 0xC3;
            broken[broken.length - 15] = (byte) 0x28;
            socket.send(true, RawWebSocket.TEXT, broken);
            // A binary message in fragments: its continuations are refused with it.
            socket.send(false, RawWebSocket.BINARY, "{\"type\":\"prompt\",".getBytes(StandardCharsets.UTF_8));
            socket.send(true, RawWebSocket.CONTINUATION, "\"voicePrompt\":\"en morceaux\",\"last\":true}".getBytes(StandardCharsets.UTF_8));
            socket.sendText("{\"type\":\"prompt\",\"voicePrompt\":\"Vous \u00eates ouverts quand ?\",\"lang\":\"fr-FR\",\"last\":true}", 1 << 16);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(RelayFixture.eventTypes(salon.onlyCall())).contains("agent.said"));
            assertThat(socket.serverClosed()).isFalse();
        }
        var call = salon.onlyCall();
        assertThat(errors(call)).containsExactly("a binary frame: Twilio sends JSON in text frames only",
                "a text frame that is not valid UTF-8", "a binary frame: Twilio sends JSON in text frames only");
        assertThat(RelayFixture.transcript(call)).filteredOn(line -> line.startsWith("caller: ")).containsExactly("caller: Vous \u00eates ouverts quand ?");
    }

    /** The cap closes the socket in the pipeline: the timeline used to say only "socket.closed 1006", never why. */
    @Test
    void a_message_over_the_cap_is_on_the_timeline_before_the_socket_closes_with_1009() throws IOException {
        var sid = "CA" + "8".repeat(32);
        var url = relayUrlOfANewCall(sid);
        try (var socket = rawSocket(url)) {
            socket.sendText(setupFor(sid, url), 1 << 16);
            var fragment = "x".repeat(60_000).getBytes(StandardCharsets.UTF_8);
            try {
                for (int i = 0; i < 3; i++) socket.send(i == 2, i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, fragment);
            } catch (IOException closedWhileWeSent) {
                // The server may close before the last fragment: that is the point.
            }
            var closes = new ArrayList<Integer>();
            for (var frame = socket.next(); frame.isPresent(); frame = socket.next())
                if (frame.get().opcode() == RawWebSocket.CLOSE) closes.add(frame.get().closeCode());
            assertThat(closes).containsExactly(1009);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(RelayFixture.eventTypes(salon.onlyCall())).contains("socket.closed"));
        var call = salon.onlyCall();
        assertThat(errors(call)).containsExactly("a message over the size limit: the socket was closed with 1009");
        assertThat(RelayFixture.eventTypes(call)).containsSubsequence("relay.setup", "error", "socket.closed");
    }
}
