package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A closed installation: sign-up is refused and creates nothing. */
@MicronautTest
@Property(name = "switchboard.signup.enabled", value = "false")
class SignupSwitchedOffE2eTest {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Test
    void signup_is_403_when_switched_off() {
        var answer = new Api(server, json).post("/api/v1/signup",
                Map.of("tenantName", "Walk-in", "email", "walkin@example.com", "password", "correct horse battery"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        var login = new Api(server, json).post("/api/v1/auth/login", Map.of("email", "walkin@example.com", "password", "correct horse battery"));
        assertThat(login.status()).isEqualTo(401);
    }
}
