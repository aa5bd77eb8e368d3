package dev.switchboard.testkit.caller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    private final Endpoints tunnel = new Endpoints("http://localhost:8080/", "https://abc.ngrok.app");

    @Test
    void signs_the_public_form_and_sends_to_the_listening_server() {
        assertThat(tunnel.publicHttp("/webhooks/twilio/voice")).isEqualTo("https://abc.ngrok.app/webhooks/twilio/voice");
        assertThat(List.of(
                tunnel.reachable("https://abc.ngrok.app/webhooks/twilio/relay-action"),
                tunnel.reachable("wss://abc.ngrok.app/webhooks/twilio/relay?tenant=acme&call=CA1"),
                tunnel.reachable("wss://elsewhere.example.com/relay"),
                tunnel.reachable("wss://abc.ngrok.app.evil.test/relay")))
                .containsExactly(
                        "http://localhost:8080/webhooks/twilio/relay-action",
                        "ws://localhost:8080/webhooks/twilio/relay?tenant=acme&call=CA1",
                        "wss://elsewhere.example.com/relay",
                        "wss://abc.ngrok.app.evil.test/relay");
    }

    @Test
    void relative_twiml_urls_resolve_against_the_public_url() {
        assertThat(tunnel.absolute("/webhooks/twilio/relay?call=CA1", true)).isEqualTo("wss://abc.ngrok.app/webhooks/twilio/relay?call=CA1");
        assertThat(tunnel.absolute("/webhooks/twilio/relay-action", false)).isEqualTo("https://abc.ngrok.app/webhooks/twilio/relay-action");
    }

    @Test
    void without_a_public_url_the_base_url_is_both() {
        var local = new Endpoints("http://localhost:8080", null);
        assertThat(local.reachable("wss://localhost:8080/webhooks/twilio/relay")).isEqualTo("ws://localhost:8080/webhooks/twilio/relay");
        assertThat(local.absolute("/r", true)).isEqualTo("ws://localhost:8080/r");
    }

    @Test
    void behind_one_public_url_several_instances_take_requests_in_turn() {
        var balanced = new Endpoints(List.of("http://127.0.0.1:9001", "http://127.0.0.1:9002/"), "https://sb.example.com");

        assertThat(List.of(balanced.reachable("https://sb.example.com/webhooks/twilio/voice"),
                balanced.reachable("wss://sb.example.com/webhooks/twilio/relay/t/c"),
                balanced.reachable("https://sb.example.com/webhooks/twilio/status"),
                balanced.reachable("https://elsewhere.example.com/x"),
                balanced.reachable("https://sb.example.com/webhooks/twilio/status")))
                .containsExactly("http://127.0.0.1:9001/webhooks/twilio/voice", "ws://127.0.0.1:9002/webhooks/twilio/relay/t/c",
                        "http://127.0.0.1:9001/webhooks/twilio/status", "https://elsewhere.example.com/x",
                        "http://127.0.0.1:9002/webhooks/twilio/status");
    }
}
