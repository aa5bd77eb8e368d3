package dev.switchboard.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.app.cli.SwitchboardCli;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field report 001: the tunnel changed, SWITCHBOARD_PUBLIC_URL still names the old one — nothing answers there. */
@MicronautTest
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class DoctorUnreachablePublicUrlE2eTest implements TestPropertyProvider {
    private static final String GONE = "https://127.0.0.1:" + closedPort();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", GONE);
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void an_unreachable_public_url_fails_over_https_and_wss_with_the_tunnel_fix() {
        var owner = new Api(server, json).newTenant("Tunnel gone");
        var out = new StringWriter();

        int exit = SwitchboardCli.run(new String[] {"doctor", "--url", server.getURL().toString(), "--token", owner.token()}, name -> null,
                new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        var text = out.toString();
        assertThat(exit).as(text).isEqualTo(1);
        assertThat(text).containsPattern("OK +public-url.https +" + java.util.regex.Pattern.quote(GONE + " is https"));
        assertThat(text).containsPattern("FAIL +public-url.webhook +" + java.util.regex.Pattern.quote(GONE + "/webhooks/twilio/status") + " does not answer");
        assertThat(text).containsPattern("FAIL +public-url.websocket +wss://127\\.0\\.0\\.1:\\d+/webhooks/twilio/relay does not answer");
        assertThat(text).contains("fix: start the server and the tunnel (e.g. ngrok http 8080), set SWITCHBOARD_PUBLIC_URL");
        assertThat(text).containsPattern("OK +database +reachable");
    }
}
