package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.app.cli.SwitchboardCli;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.VirtualCaller;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README promises: a fresh data directory gets a demo tenant one can log in to, and
 * stopping and starting again keeps everything (a persistent embedded PostgreSQL, not the
 * throw-away one the other tests use).
 */
class RestartE2eTest {
    @TempDir
    Path dataDir;

    private Map<String, Object> properties() {
        return Map.of("switchboard.data-dir", dataDir.toString(),
                "switchboard.embedded-postgres.data-dir", dataDir.resolve("postgres").toString(),
                "switchboard.embedded-postgres.ephemeral", false,
                "switchboard.embedded-postgres.work-dir", "target/embedded-postgres",
                "switchboard.demo.enabled", true,
                "micronaut.server.port", -1,
                // A fresh install: no OpenAI key; and no Twilio on the network (a closed loopback port refuses at once).
                "switchboard.llm.openai.api-key", "",
                "openai.api-key", "",
                "switchboard.twilio.api-url", "http://127.0.0.1:" + closedPort());
    }

    @Test
    void the_demo_tenant_and_new_data_survive_a_restart() throws Exception {
        String created;
        try (var server = ApplicationContext.run(EmbeddedServer.class, properties(), "test")) {
            var api = login(server);
            assertThat(api.get("/api/v1/assistants").list()).extracting(a -> a.get("name")).containsExactly("Reception", "Reception (stream)");
            assertThat(api.get("/api/v1/phone-numbers").list()).extracting(n -> n.get("number")).containsExactly("+15005550006", "+15005550007");
            created = (String) api.post("/api/v1/assistants", Map.of("name", "After hours", "systemPrompt", "Take messages.")).json().get("id");
            simulatedCallBooks(server, api);
            simulatedStreamCallBooks(server, api);
        }
        try (var server = ApplicationContext.run(EmbeddedServer.class, properties(), "test")) {
            var api = login(server);
            assertThat(api.get("/api/v1/assistants").list()).extracting(a -> a.get("name")).containsExactly("After hours", "Reception", "Reception (stream)");
            assertThat(api.get("/api/v1/assistants/" + created).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/tenant").json()).containsEntry("name", "Demo Salon");
        }
    }

    /** The README's `simulate` promise: on a fresh install, a call to the demo number can book. */
    private void simulatedCallBooks(EmbeddedServer server, Api api) throws Exception {
        var caller = VirtualCaller.builder(server.getURL().toString()).publicUrl("http://localhost:8080")
                .authToken(server.getApplicationContext().getProperty("switchboard.twilio.auth-token", String.class).orElseThrow())
                .to("+15005550006").build();
        var result = caller.call(CallScript.builder().say("Hi, I'd like a haircut tomorrow at 2pm")
                .say("My name is Marie Dupont").say("That's all, goodbye").awaitEnd().build());
        assertThat(result.agentLines().get(1)).contains("You're all set", "Marie Dupont");
        assertThat(api.get("/api/v1/appointments").list()).extracting(a -> a.get("clientName")).containsExactly("Marie Dupont");
    }

    /**
     * The README's `simulate --stream` promise: on a fresh install (no OpenAI key), a stream call to
     * the demo stream line is answered by the offline speech model and books on a keypad 1.
     */
    private void simulatedStreamCallBooks(EmbeddedServer server, Api api) {
        var out = new StringWriter();
        var err = new StringWriter();
        var token = server.getApplicationContext().getProperty("switchboard.twilio.auth-token", String.class).orElseThrow();
        int code = SwitchboardCli.run(new String[] {"simulate", "--stream", "--url", server.getURL().toString(), "--public-url", "http://localhost:8080",
                        "--auth-token", token},
                Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString())::get, new BufferedReader(new StringReader("")),
                new PrintWriter(out, true), new PrintWriter(err, true));

        System.out.println(out);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Timeline: no key for openai: answering with the offline speech model",
                "agent:  Hello, Demo Salon, how can I help you today?", "caller: [pressed 1]", "agent:  You are booked for", "Booked:   ");
        // Issue 13, a new user's path: the API's id of the call, and the curl that shows it.
        var id = java.util.regex.Pattern.compile("API call id: ([0-9a-f-]{36})").matcher(out.toString());
        assertThat(id.find()).as(out.toString()).isTrue();
        assertThat(out.toString()).contains("curl -H \"Authorization: Bearer $TOKEN\" " + server.getURL().toString().replaceAll("/$", "")
                + "/api/v1/calls/" + id.group(1));
        assertThat(api.get("/api/v1/calls/" + id.group(1)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/appointments").list()).extracting(a -> a.get("clientName")).containsExactlyInAnyOrder("Marie Dupont", "Phone caller");
    }

    private static int closedPort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Api login(EmbeddedServer server) throws Exception {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("demo-password"))))
                .isEqualTo("rw-------");
        var password = Files.readString(dataDir.resolve("demo-password")).strip();
        var anonymous = new Api(server, server.getApplicationContext().getBean(JsonMapper.class));
        var login = anonymous.post("/api/v1/auth/login", Map.of("email", "demo@switchboard.local", "password", password));
        assertThat(login.status()).isEqualTo(200);
        return anonymous.as((String) login.json().get("access_token"));
    }
}
