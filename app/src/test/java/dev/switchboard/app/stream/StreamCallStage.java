package dev.switchboard.app.stream;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The running server that whole stream calls are played against: its public URL and Twilio
 * account are {@link StreamFixture}'s, its Twilio REST API is the testkit's fake (which knows that
 * account before each test), and it reaches its model through the fake servers a test class starts
 * with {@link #fake}, on loopback. The fakes are the class's own and stop with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StreamCallStage implements TestPropertyProvider {
    static final Duration WAIT = Duration.ofSeconds(30);
    final FakeTwilioRest twilio = FakeTwilioRest.start();
    private final List<AutoCloseable> fakes = new ArrayList<>(List.of(twilio));

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    /** The settings, beyond the public URL and Twilio's, that this class runs the server with (its fake model's URL first). */
    abstract Map<String, String> settings();

    @Override
    public final Map<String, String> getProperties() {
        var properties = new HashMap<>(settings());
        properties.put("switchboard.public-url", StreamFixture.PUBLIC_URL);
        properties.put("switchboard.twilio.account-sid", StreamFixture.ACCOUNT_SID);
        properties.put("switchboard.twilio.auth-token", StreamFixture.AUTH_TOKEN);
        properties.put("switchboard.twilio.api-url", twilio.baseUrl());
        return properties;
    }

    /** {@code server}, a fake of this class's, stopped with the class. */
    final <T extends AutoCloseable> T fake(T server) {
        fakes.add(server);
        return server;
    }

    @BeforeEach
    void twilio_knows_the_account() {
        twilio.addAccount(StreamFixture.ACCOUNT_SID, StreamFixture.AUTH_TOKEN);
    }

    @AfterAll
    void stop_the_fakes() throws Exception {
        for (var fake : fakes) fake.close();
    }

    /** A new tenant with a stream assistant of {@code provider} ({@code openai} or {@code google}) on a number imported from the fake Twilio. */
    StreamFixture salon(String provider, boolean withTransfer) {
        return new StreamFixture(server, new Api(server, json), withTransfer, provider, twilio);
    }
}
