package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.RelayConnection;
import dev.switchboard.testkit.caller.RelayMessageRules;
import dev.switchboard.testkit.caller.TwimlDocument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database goes away under a call and comes back: the caller hears an apology and the call
 * ends cleanly (never silence, never a 5xx to Twilio). The outage is real for the application:
 * its database stops accepting connections and every open one, the pool's included, is killed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageE2eTest implements TestPropertyProvider {
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    DataSource dataSource;

    private RelayFixture salon;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL, "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "datasources.default.connection-timeout", "1500");
    }

    @BeforeEach
    void a_salon() {
        salon = new RelayFixture(server, new Api(server, json), "offline", "fr-FR", List.of());
    }

    @AfterEach
    void the_database_comes_back() throws SQLException {
        database(true);
        // The pool still holds the connections the outage killed; it replaces them as it finds them dead,
        // so wait until it hands out a working one before the next test signs up.
        var pool = (HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource);
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (var connection = pool.getConnection(); var sql = connection.createStatement()) {
                return sql.execute("SELECT 1");
            }
        });
    }

    /** Takes the application's database away from everyone ({@code false}), or gives it back. */
    private void database(boolean up) throws SQLException {
        var pool = (HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource);
        var url = JDBC_URL.matcher(pool.getJdbcUrl());
        assertThat(url.matches()).as(pool.getJdbcUrl()).isTrue();
        var name = url.group(2);
        try (var admin = DriverManager.getConnection(url.group(1) + "postgres" + url.group(3), pool.getUsername(), pool.getPassword());
             var sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS " + up);
            if (!up) sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }

    @Test
    void the_voice_webhook_answers_an_apology_and_a_hang_up_during_an_outage() throws SQLException {
        var caller = salon.caller();
        database(false);
        var answer = caller.postVoiceWebhook(caller.voiceParameters("CA" + "1".repeat(32)));

        assertThat(answer.status()).isEqualTo(200);
        var twiml = TwimlDocument.parse(answer.body());
        assertThat(twiml.says()).containsExactly("Sorry, we are having a technical problem. Please call again in a moment. Goodbye.");
        assertThat(twiml.hangsUp()).isTrue();
    }

    @Test
    void an_outage_while_the_socket_binds_the_call_gives_an_apology_and_a_hang_up_and_the_next_call_works() throws Exception {
        var caller = salon.caller();
        var sid = "CA" + "2".repeat(32);
        var noun = TwimlDocument.parse(caller.postVoiceWebhook(caller.voiceParameters(sid)).body()).conversationRelay().orElseThrow();
        var frames = new ArrayList<String>();
        try (RelayConnection relay = caller.openRelay(noun.url())) {
            database(false);
            var custom = new StringBuilder();
            noun.parameters().forEach((k, v) -> custom.append(custom.isEmpty() ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
            relay.send("{\"type\":\"setup\",\"sessionId\":\"VX" + "2".repeat(32) + "\",\"callSid\":\"" + sid
                    + "\",\"callStatus\":\"RINGING\",\"customParameters\":{" + custom + "}}");
            while (frames.stream().noneMatch(f -> f.contains("\"type\":\"end\""))) {
                var next = relay.next(Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("silence after " + frames));
                if (!(next instanceof RelayConnection.Incoming.Message message)) throw new AssertionError("socket closed after " + frames);
                frames.add(message.text());
            }
        }
        assertThat(frames).allSatisfy(f -> assertThat(RelayMessageRules.violation(f)).isEmpty());
        assertThat(frames.get(0)).contains("\"type\":\"text\"", "problème technique", "\"last\":true");
        assertThat(frames.get(frames.size() - 1)).contains("\"type\":\"end\"", "hangup");

        // Twilio asks the action URL while the database is still down: it gets a hang-up, not a 5xx.
        var action = new HashMap<>(caller.callParameters(sid, "in-progress"));
        action.put("HandoffData", String.valueOf(json.readValue(frames.get(frames.size() - 1).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.class).get("handoffData")));
        var after = caller.postSigned(noun.url().isEmpty() ? "" : "/webhooks/twilio/relay-action", action);
        assertThat(after.status()).isEqualTo(200);
        assertThat(TwimlDocument.parse(after.body()).hangsUp()).isTrue();

        database(true);
        // The pool recovers as it replaces the connections the outage killed: the next call works once it has.
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var next = salon.caller().postVoiceWebhook(salon.caller().voiceParameters("CA" + "4".repeat(32)));
            assertThat(TwimlDocument.parse(next.body()).conversationRelay()).isPresent();
        });
    }
}
