package dev.switchboard.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.caller.RawWebSocket;
import dev.switchboard.testkit.caller.TwimlDocument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Media Streams socket as the stop-12 outside probe drove it (docs/security.md, "Outside
 * probe, stop 12"): raw frames Twilio would never send, after a real {@code start}. Each is refused
 * on the call's timeline (control frames in the order they came), and the call goes on. Before, all but one of these
 * were dropped without a trace, and a key "x" was handed to the assistant as if pressed.
 */
@MicronautTest
class OutsideProbeStreamE2eTest extends StreamCallStage {
    @Override
    Map<String, String> settings() {
        // The offline speech model: no model server needed, whatever the machine's environment holds.
        return Map.of("switchboard.llm.openai.api-key", "", "openai.api-key", "");
    }

    @Test
    void frames_twilio_never_sends_are_refused_on_the_timeline_in_order_and_the_call_goes_on() throws IOException {
        var salon = salon("openai", false);
        assertThat(salon.owner.delete("/api/v1/connections/openai").status()).isEqualTo(204);
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
        var caller = salon.caller();
        var twiml = TwimlDocument.parse(caller.postVoiceWebhook(caller.voiceParameters(callSid)).body());
        var connect = twiml.connect().orElseThrow();
        var url = connect.streamUrl().orElseThrow();
        var local = "ws://localhost:" + server.getPort() + url.substring(StreamFixture.PUBLIC_URL.replace("https", "wss").length());
        var stream = "MZ" + "7".repeat(32);
        try (var socket = RawWebSocket.open(local, caller.signatureFor(url, Map.of()), Duration.ofSeconds(20))) {
            socket.sendText("{\"event\":\"dtmf\",\"streamSid\":\"" + stream + "\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"1\"}}", 1 << 16);
            var start = "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + stream + "\",\"start\":{\"streamSid\":\"" + stream
                    + "\",\"accountSid\":\"" + StreamFixture.ACCOUNT_SID + "\",\"callSid\":\"" + callSid + "\",\"tracks\":[\"inbound\"],"
                    + "\"customParameters\":" + json.writeValueAsString(connect.streamParameters())
                    + ",\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}";
            socket.sendText(start, 1 << 16);
            for (var frame : List.of(start,
                    "{\"event\":\"mark\",\"streamSid\":\"" + stream + "\",\"mark\":{\"name\":5}}",
                    "{\"event\":\"mark\",\"streamSid\":\"" + stream + "\"}",
                    "{\"event\":\"dtmf\",\"streamSid\":\"" + stream + "\",\"dtmf\":{\"digit\":\"x\"}}",
                    "{\"event\":\"dtmf\",\"streamSid\":\"" + stream + "\",\"dtmf\":{\"digit\":5}}",
                    "{\"event\":\"dtmf\",\"streamSid\":\"" + stream + "\",\"dtmf\":{\"digit\":\"55\"}}",
                    "{\"event\":\"media\",\"streamSid\":\"" + stream + "\",\"media\":{\"track\":\"inbound\",\"payload\":5}}"))
                socket.sendText(frame, 1 << 16);
            socket.send(true, RawWebSocket.BINARY, "{\"event\":\"stop\"}".getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).untilAsserted(() -> assertThat(errors(salon.onlyCall())).hasSize(9));
            assertThat(socket.serverClosed()).isFalse();
            var detail = salon.onlyCall();
            var errors = errors(detail);
            // Control frames in the order they came; the media frame takes the audio path, which is not ordered with them.
            assertThat(errors.subList(0, 7)).containsExactly("dtmf before start", "start received twice", "mark needs a name string",
                    "mark needs a name string", "dtmf needs one digit of 0-9 * # A-D", "dtmf needs one digit of 0-9 * # A-D",
                    "dtmf needs one digit of 0-9 * # A-D");
            assertThat(errors.subList(7, 9)).containsExactlyInAnyOrder("media needs a payload string",
                    "a binary frame: Twilio sends JSON in text frames only");
            // No key was taken as pressed, and the binary "stop" stopped nothing: the call is still on.
            assertThat(StreamFixture.eventTypes(detail)).contains("stream.started", "model.ready")
                    .doesNotContain("dtmf.received", "stream.stopped", "stream.socket.closed");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> errors(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("timeline")).stream().filter(e -> "error".equals(e.get("type")))
                .map(e -> ((Map<String, Object>) e.get("data")).get("message")).toList();
    }
}
