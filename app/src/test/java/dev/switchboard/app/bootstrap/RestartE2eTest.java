package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.VirtualCaller;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
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
                "micronaut.server.port", -1);
    }

    @Test
    void the_demo_tenant_and_new_data_survive_a_restart() throws Exception {
        String created;
        try (var server = ApplicationContext.run(EmbeddedServer.class, properties(), "test")) {
            var api = login(server);
            assertThat(api.get("/api/v1/assistants").list()).extracting(a -> a.get("name")).containsExactly("Reception");
            assertThat(api.get("/api/v1/phone-numbers").list()).extracting(n -> n.get("number")).containsExactly("+15005550006");
            created = (String) api.post("/api/v1/assistants", Map.of("name", "After hours", "systemPrompt", "Take messages.")).json().get("id");
            simulatedCallBooks(server, api);
        }
        try (var server = ApplicationContext.run(EmbeddedServer.class, properties(), "test")) {
            var api = login(server);
            assertThat(api.get("/api/v1/assistants").list()).extracting(a -> a.get("name")).containsExactly("After hours", "Reception");
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
