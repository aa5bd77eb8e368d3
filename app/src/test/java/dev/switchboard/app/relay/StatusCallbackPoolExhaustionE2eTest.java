package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.caller.WebhookExchange;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The hang-up storm (issue 12's note): a thousand relay calls ending in the same second exhaust
 * the connection pool, and status callbacks failed after the pool's short connection timeout.
 * Twilio does not retry those, so the status was lost until reconciliation. Here the test holds
 * every connection of a small pool: the callback must wait for one, not fail.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCallbackPoolExhaustionE2eTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL, "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "datasources.default.maximum-pool-size", "2",
                // Hikari's least: a request without a connection fails fast, as in a storm with the 3 s default.
                "datasources.default.connection-timeout", "250",
                // Generous, so that only the test's release of the connection decides when the callback gets through.
                "switchboard.status-callbacks.patience", "2m");
    }

    @Test
    void a_status_callback_waits_for_an_exhausted_pool_instead_of_failing() throws Exception {
        var salon = new RelayFixture(server, new Api(server, json), "offline", "en-US", List.of());
        var caller = salon.caller(b -> b.httpTimeout(Duration.ofMinutes(3)));
        var sid = "CA" + "7".repeat(32);
        assertThat(TwimlDocument.parse(caller.postVoiceWebhook(caller.voiceParameters(sid)).body()).conversationRelay()).isPresent();

        var callbacks = (Logger) LoggerFactory.getLogger("dev.switchboard.twilio.in.TwilioCallCallbacks");
        var log = new ListAppender<ILoggingEvent>();
        log.start();
        callbacks.addAppender(log);
        var pool = (HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource);
        CompletableFuture<WebhookExchange> answer;
        try (var first = take(pool); var second = take(pool)) {
            answer = CompletableFuture.supplyAsync(() -> caller.postSigned("/webhooks/twilio/status", caller.callParameters(sid, "completed")));
            // Before the fix the callback gave up after the connection timeout and answered an error;
            // now it says it waits. Either ends this wait: the pool is released only then.
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> answer.isDone()
                    || log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("waits for the database")));
        } finally {
            callbacks.detachAppender(log);
        }

        var status = answer.get();
        assertThat(status.status()).as("the status callback's answer: %s", status.body()).isEqualTo(204);
        assertThat(RelayFixture.call(salon.onlyCall())).containsEntry("status", "completed");
    }

    /** A connection of the pool, waiting while the application's own work (the recorder) briefly has it. */
    private static java.sql.Connection take(HikariDataSource pool) {
        return Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(pool::getConnection, c -> c != null);
    }
}
