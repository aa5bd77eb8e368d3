package dev.switchboard.app.relay;

import dev.switchboard.app.Api;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The stage of the relay tests that poke at the edges (webhooks, handshakes, raw frames): a
 * server that validates signatures against {@link RelayFixture#PUBLIC_URL}, and for every test a
 * new French salon whose relay assistant runs on the offline model, so no model fake is needed.
 * Subclasses carry {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OfflineSalonStage implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    /** This test's salon, new for each test. */
    RelayFixture salon;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL, "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN);
    }

    @BeforeEach
    void a_salon() {
        salon = newSalon();
    }

    /** Another tenant's salon, set up like this test's. */
    RelayFixture newSalon() {
        return new RelayFixture(server, new Api(server, json), "offline", "fr-FR", List.of());
    }
}
