package dev.switchboard.testkit.caller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples of PROTOCOLS.md §2.1 and §2.4. */
class TwilioSignatureTest {
    private static final String TOKEN = "test_auth_token_123";
    private static final Map<String, String> PARAMS = Map.of(
            "CallSid", "CA0123456789abcdef0123456789abcdef",
            "AccountSid", "AC0123456789abcdef0123456789abcdef",
            "From", "+15551230001",
            "To", "+15559870002",
            "CallStatus", "ringing",
            "Direction", "inbound",
            "ApiVersion", "2010-04-01");

    @Test
    void signs_a_form_webhook_over_the_url_and_the_sorted_parameters() {
        assertThat(TwilioSignature.sign(TOKEN, "https://voice.example.com/twilio/voice?tenant=acme", PARAMS))
                .isEqualTo("SFZPP58oQlfRI5nwn9NGirCfC+U=");
    }

    @Test
    void an_explicit_default_port_is_part_of_what_is_signed() {
        assertThat(TwilioSignature.sign(TOKEN, "https://voice.example.com:443/twilio/voice?tenant=acme", PARAMS))
                .isEqualTo("/VIbp+nOxy2ERsHEuWweozOJO0w=");
    }

    @Test
    void signs_a_websocket_handshake_over_the_url_alone() {
        assertThat(TwilioSignature.signHandshake(TOKEN, "wss://voice.example.com/media")).isEqualTo("FL3dC7Y1iiCaqplVYONsqwqANM0=");
    }

    @Test
    void signs_the_json_variant_over_the_url_with_its_body_hash() {
        var url = "https://voice.example.com/hooks/json?bodySHA256=ec337658e9dfcfe6b4f816b6b2c2d14b88720bd314d20f578d6f84831c3fecd8";
        assertThat(TwilioSignature.sign(TOKEN, url, Map.of())).isEqualTo("0dOL08lshWcXjbIIE1Ia05l41Io=");
    }
}
