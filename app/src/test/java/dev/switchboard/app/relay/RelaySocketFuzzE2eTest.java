package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.caller.RawWebSocket;
import dev.switchboard.testkit.caller.TwimlDocument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The relay socket under abuse: oversized and fragmented messages, random and mutated frames,
 * frames before and after {@code setup}. The call never drops for bad input (only a message over
 * the cap closes the socket, with 1009), and nothing Twilio would reject is ever sent back (the
 * virtual caller fails on it).
 */
@MicronautTest
class RelaySocketFuzzE2eTest extends OfflineSalonStage {
    private String relayUrlOfANewCall(String callSid) {
        var caller = salon.caller();
        return TwimlDocument.parse(caller.postVoiceWebhook(caller.voiceParameters(callSid)).body()).conversationRelay().orElseThrow().url();
    }

    /** A raw socket to a relay URL, signed as Twilio would. */
    private RawWebSocket rawSocket(String url) throws IOException {
        var local = "ws://localhost:" + server.getPort() + url.substring(RelayFixture.PUBLIC_URL.replace("https", "wss").length());
        return RawWebSocket.open(local, salon.caller().signatureFor(url, Map.of()), Duration.ofSeconds(20));
    }

    /** The setup Twilio sends, with the TwiML's parameters (the URL's tenant and call). */
    private static String setupFor(String callSid, String url) {
        var query = url.substring(url.indexOf('?') + 1).split("&");
        return "{\"type\":\"setup\",\"sessionId\":\"VX" + "1".repeat(32) + "\",\"callSid\":\"" + callSid
                + "\",\"callStatus\":\"RINGING\",\"customParameters\":{\"tenant\":\"" + query[0].substring("tenant=".length())
                + "\",\"call\":\"" + query[1].substring("call=".length()) + "\"}}";
    }

    @Test
    void a_message_over_the_cap_sent_in_fragments_closes_the_socket_with_1009() throws IOException {
        try (var socket = rawSocket(relayUrlOfANewCall("CA" + "1".repeat(32)))) {
            var fragment = new byte[60_000];
            java.util.Arrays.fill(fragment, (byte) 'x');
            try {
                // 2.4 MB as one text message in 40 fragments of 60 KB.
                for (int i = 0; i < 40; i++) socket.send(i == 39, i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, fragment);
            } catch (IOException closedWhileWeSent) {
                // The server may close before the last fragments: that is the point.
            }
            var frames = new ArrayList<RawWebSocket.Frame>();
            for (var frame = socket.next(); frame.isPresent(); frame = socket.next()) frames.add(frame.get());
            assertThat(frames).extracting(RawWebSocket.Frame::closeCode).containsExactly(1009);
            assertThat(socket.serverClosed()).isTrue();
        }
        assertThat(RelayFixture.eventTypes(salon.onlyCall())).contains("socket.connected").doesNotContain("relay.setup", "caller.said");
    }

    @Test
    void fragmented_messages_under_the_cap_are_heard_whole() throws IOException {
        var sid = "CA" + "2".repeat(32);
        var url = relayUrlOfANewCall(sid);
        try (var socket = rawSocket(url)) {
            socket.sendText(setupFor(sid, url), 7);
            socket.sendText("{\"type\":\"prompt\",\"voicePrompt\":\"Bonjour, " + "vraiment ".repeat(2_000) + "\",\"lang\":\"fr-FR\",\"last\":true}", 4_000);
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(RelayFixture.eventTypes(salon.onlyCall())).contains("relay.setup", "caller.said"));
            var texts = new ArrayList<String>();
            for (var frame = socket.next(); frame.isPresent() && texts.stream().noneMatch(t -> t.contains("\"last\":true")); frame = socket.next())
                texts.add(frame.get().text());
            assertThat(texts).isNotEmpty().allMatch(t -> t.startsWith("{\"type\":\"text\""));
        }
    }

    @Test
    void frames_before_setup_a_second_setup_and_frames_for_another_call_go_on_the_timeline_and_the_call_goes_on() {
        var live = salon.caller().dial();
        var relay = live.relay().orElseThrow();
        // The virtual caller sent setup on connecting; these come after it.
        live.send("{\"type\":\"setup\",\"customParameters\":{\"call\":\"00000000-0000-0000-0000-000000000000\"}}");
        assertThat(live.say("Bonjour")).hasValueSatisfying(turn -> assertThat(turn.text()).isNotBlank());
        var result = live.hangUp();
        assertThat(relay.isClosed()).isTrue();
        assertThat(result.receivedFrames()).noneMatch(f -> f.contains("\"error\""));
        assertThat(RelayFixture.eventTypes(salon.onlyCall())).containsSubsequence("relay.setup", "error", "caller.said", "agent.said");

        // Before setup: a raw socket sends prompt, dtmf and interrupt first.
        var other = newSalon();
        var caller = other.caller();
        var sid = "CA" + "3".repeat(32);
        var url = TwimlDocument.parse(caller.postVoiceWebhook(caller.voiceParameters(sid)).body()).conversationRelay().orElseThrow().url();
        try (var early = caller.openRelay(url)) {
            early.send("{\"type\":\"prompt\",\"voicePrompt\":\"Allô\",\"last\":true}");
            early.send("{\"type\":\"dtmf\",\"digit\":\"1\"}");
            early.send("{\"type\":\"interrupt\",\"utteranceUntilInterrupt\":\"\"}");
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(errors(other.onlyCall())).containsExactly("prompt before setup", "dtmf before setup", "interrupt before setup"));
            assertThat(early.next(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void random_and_mutated_frames_never_drop_the_call_nor_draw_a_message_twilio_would_reject() {
        var random = new Random(20261203L);
        var valid = List.of("{\"type\":\"prompt\",\"voicePrompt\":\"Bonjour\",\"lang\":\"fr-FR\",\"last\":true}",
                "{\"type\":\"interrupt\",\"utteranceUntilInterrupt\":\"Bon\",\"durationUntilInterruptMs\":\"460\"}",
                "{\"type\":\"info\",\"name\":\"tokensPlayed\"}", "{\"type\":\"error\",\"description\":\"Invalid message\"}");
        var live = salon.caller().dial();
        var relay = live.relay().orElseThrow();
        for (var wrong : List.of("{\"type\":\"dtmf\",\"digit\":\"55\"}", "{\"type\":\"dtmf\",\"digit\":5}", "{\"type\":\"dtmf\"}",
                "{\"type\":\"prompt\",\"voicePrompt\":null,\"last\":true}", "{\"type\":\"interrupt\",\"utteranceUntilInterrupt\":[]}",
                "{\"type\":null}", "{}", "null", "\"prompt\"", "{\"type\":\"prompt\",\"voicePrompt\":\"x\",\"lang\":\"<script>\",\"last\":true}"))
            relay.send(wrong);
        for (int i = 0; i < 150; i++) {
            var frame = mutate(valid.get(random.nextInt(valid.size())), random);
            if (random.nextInt(10) == 0) relay.sendBinary(frame.getBytes(StandardCharsets.UTF_8));
            else relay.send(frame);
        }
        assertThat(relay.isClosed()).isFalse();
        // Still answering, still strict: a hang-up checks every message the server sent.
        assertThat(live.say("Vous êtes ouverts quand ?")).isPresent();
        var result = live.hangUp();
        assertThat(result.httpStatuses()).allMatch(status -> status < 500);
        assertThat(RelayFixture.call(salon.onlyCall())).containsEntry("status", "completed");
    }

    /** A valid message bent out of shape: truncated, bytes flipped, types swapped, fields nested or huge. */
    private static String mutate(String message, Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> message.substring(0, random.nextInt(message.length()));
            case 1 -> {
                var chars = message.toCharArray();
                for (int i = 0; i < 1 + random.nextInt(4); i++) chars[random.nextInt(chars.length)] = (char) random.nextInt(0x3000);
                yield new String(chars);
            }
            case 2 -> message.replaceFirst("\"[^\"]*\"(,|})", "42$1");
            case 3 -> message.replaceFirst(":\"[^\"]*\"", ":{\"nested\":[1,[2,[3]]]}");
            case 4 -> message.replaceFirst(":\"[^\"]*\"", ":\"" + "é".repeat(random.nextInt(20_000)) + "\"");
            case 5 -> "[" + message + "]";
            case 6 -> message.replace("\"type\"", "\"TYPE\"");
            case 7 -> message.replaceFirst("\\}$", ",\"last\":\"yes\",\"digit\":null}");
            default -> "{\"type\":\"" + Long.toHexString(random.nextLong()) + "\"}";
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object> errors(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("timeline")).stream().filter(e -> "error".equals(e.get("type")))
                .map(e -> ((Map<String, Object>) e.get("data")).get("message")).toList();
    }

}
