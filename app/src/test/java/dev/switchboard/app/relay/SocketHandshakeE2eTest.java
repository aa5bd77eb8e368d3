package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.caller.RelayConnection;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.caller.VirtualCaller;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The socket handshake guard: no spelling of the socket's path gets around the signature, a call
 * has one socket, and only while it is live.
 */
@MicronautTest
class SocketHandshakeE2eTest extends OfflineSalonStage {
    private String socketUrlOfANewCall(VirtualCaller caller, String callSid) {
        var answer = caller.postVoiceWebhook(caller.voiceParameters(callSid));
        return TwimlDocument.parse(answer.body()).conversationRelay().orElseThrow().url();
    }

    @Test
    void no_spelling_of_the_socket_path_gets_an_unsigned_or_forged_handshake_through() {
        var caller = salon.caller();
        var url = socketUrlOfANewCall(caller, "CA" + "c".repeat(32));
        var query = url.substring(url.indexOf('?'));
        var origin = "wss://switchboard.test";
        var spellings = List.of("/webhooks/twilio/relay", "/webhooks/twilio/relay/", "/webhooks/twilio/./relay",
                "/webhooks//twilio/relay", "//webhooks/twilio/relay", "/webhooks/twilio/%72elay", "/webhooks/twilio/relay%2F",
                "/webhooks/twilio/relay/.", "/webhooks/twilio/x/../relay", "/WEBHOOKS/twilio/relay", "/webhooks/twilio/relay;x",
                "/webhooks/twilio/relay//", "/webhooks/twilio/stream", "/webhooks/twilio/relay/extra");
        var statuses = new LinkedHashMap<String, List<Integer>>();
        for (var path : spellings) {
            var spelled = origin + path + query;
            statuses.put(path, List.of(caller.relayHandshakeStatus(spelled, null),
                    caller.relayHandshakeStatus(spelled, "Zm9yZ2VkIHNpZ25hdHVyZQ=="),
                    // Signed correctly, but for the canonical URL: the signature covers the path as spelled.
                    spelled.equals(url) ? 403 : caller.relayHandshakeStatus(spelled, caller.signatureFor(url, Map.of()))));
        }
        assertThat(statuses.values()).allSatisfy(codes -> assertThat(codes).allSatisfy(code -> assertThat(code).isIn(403, 404)));
        assertThat(RelayFixture.eventTypes(salon.onlyCall())).doesNotContain("socket.connected", "relay.setup");
    }

    @Test
    void a_call_gets_one_socket_and_a_replayed_handshake_is_refused() {
        var caller = salon.caller();
        var url = socketUrlOfANewCall(caller, "CA" + "d".repeat(32));
        try (RelayConnection first = caller.openRelay(url)) {
            assertThat(caller.relayHandshakeStatus(url, caller.signatureFor(url, Map.of()))).isEqualTo(403);
            assertThat(first.isClosed()).isFalse();
        }
        // The first socket is gone, but the call had its socket: a replay of the handshake gets nothing.
        assertThat(caller.relayHandshakeStatus(url, caller.signatureFor(url, Map.of()))).isEqualTo(403);
    }

    @Test
    void an_ended_call_gets_no_socket() {
        var caller = salon.caller();
        var sid = "CA" + "e".repeat(32);
        var url = socketUrlOfANewCall(caller, sid);
        var completed = new java.util.HashMap<>(caller.callParameters(sid, "completed"));
        completed.put("CallDuration", "3");
        assertThat(caller.postSigned("/webhooks/twilio/status", completed).status()).isEqualTo(204);

        assertThat(caller.relayHandshakeStatus(url, caller.signatureFor(url, Map.of()))).isEqualTo(403);
        assertThat(RelayFixture.eventTypes(salon.onlyCall())).doesNotContain("socket.connected");
    }

    @Test
    void a_signed_handshake_for_a_live_call_opens_and_the_call_goes_on() {
        var caller = salon.caller();
        var url = socketUrlOfANewCall(caller, "CA" + "f".repeat(32));
        try (var relay = caller.openRelay(url)) {
            assertThat(relay.next(Duration.ofSeconds(2))).isEmpty();
            assertThat(relay.isClosed()).isFalse();
        }
    }
}
