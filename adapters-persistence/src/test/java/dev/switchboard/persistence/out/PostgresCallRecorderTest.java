package dev.switchboard.persistence.out;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallMessage.Speaker;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batching writer of timelines and transcripts against a real PostgreSQL (ADR 007). */
@MicronautTest(transactional = false)
class PostgresCallRecorderTest {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;
    @Inject
    DataSource dataSource;

    private TenantId tenant;

    @BeforeEach
    void a_tenant() {
        var t = Fixtures.tenant("Salon");
        tenants.save(t);
        tenant = t.id();
    }

    private Call aCall() {
        var call = Fixtures.call(tenant, T0);
        calls.add(call);
        return call;
    }

    private static CallRecorderProperties settings(int capacity, Duration linger, Duration offerTimeout) {
        return new CallRecorderProperties(capacity, 200, linger, offerTimeout, Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    private static CallEvent event(Call call, int n) {
        return CallEvent.of(call, T0, "step." + n, Map.of("n", n));
    }

    private List<String> types(Call call) {
        return calls.events(tenant, call.id()).stream().map(CallEvent::type).toList();
    }

    @Test
    void records_handed_over_from_many_threads_are_all_stored_in_each_calls_order() throws Exception {
        recordsFromManyThreadsAreStoredInOrder(settings(10_000, Duration.ofMillis(10), Duration.ofSeconds(1)));
    }

    @Test
    void with_several_writers_each_calls_records_still_keep_their_order() throws Exception {
        recordsFromManyThreadsAreStoredInOrder(new CallRecorderProperties(10_000, 200, Duration.ofMillis(10), Duration.ofSeconds(1),
                Duration.ofSeconds(20), Duration.ofSeconds(20), 3));
    }

    @Test
    void a_clean_shutdown_with_several_writers_stores_everything_still_queued() {
        var recorder = new PostgresCallRecorder(calls, new CallRecorderProperties(10_000, 200, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(20), Duration.ofSeconds(20), 3));
        var talks = List.of(aCall(), aCall(), aCall(), aCall());
        for (var call : talks) for (int n = 0; n < 50; n++) recorder.event(event(call, n));

        recorder.close();

        for (var call : talks) assertThat(types(call)).hasSize(50).startsWith("step.0", "step.1");
        assertThat(recorder.counts().stored()).isEqualTo(200);
        assertThat(recorder.counts().lost()).isZero();
    }

    @Test
    void words_that_mean_something_to_sql_or_to_array_syntax_are_stored_as_said() {
        var call = aCall();
        var tricky = List.of("NULL", "", "{a,b}", "say \"hi\", then \\ leave", "line one\nline two\tend", "l'heure, c'est l'heure",
                "Ça coûte 30 € 😀", " padded ");
        var messages = tricky.stream().map(text -> CallMessage.of(call, Speaker.CALLER, text, T0)).toList();
        calls.saveMessages(messages);
        calls.appendEvents(tricky.stream().map(text -> CallEvent.of(call, T0, "caller.said", Map.of("text", text))).toList());

        assertThat(calls.messages(tenant, call.id())).extracting(CallMessage::text).containsExactlyElementsOf(tricky);
        assertThat(calls.events(tenant, call.id())).extracting(e -> e.data().get("text")).containsExactlyElementsOf(tricky);
    }

    @Test
    void an_instant_keeps_its_microseconds_through_the_batched_insert() {
        var call = aCall();
        var at = java.time.Instant.parse("2026-12-03T23:44:15.123456Z");
        calls.appendEvents(List.of(CallEvent.of(call, at, "step.0", Map.of())));
        calls.saveMessages(List.of(CallMessage.of(call, Speaker.AGENT, "hello", at)));

        assertThat(calls.events(tenant, call.id()).get(0).at()).isEqualTo(at);
        assertThat(calls.messages(tenant, call.id()).get(0).at()).isEqualTo(at);
    }

    private void recordsFromManyThreadsAreStoredInOrder(CallRecorderProperties settings) throws Exception {
        var recorder = new PostgresCallRecorder(calls, settings);
        var pool = Executors.newFixedThreadPool(6);
        try {
            var talks = new ArrayList<Call>();
            for (int i = 0; i < 6; i++) talks.add(aCall());
            var done = new ArrayList<Future<?>>();
            for (var call : talks)
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 300; n++) {
                        recorder.event(event(call, n));
                        if (n % 10 == 0) recorder.message(CallMessage.of(call, Speaker.CALLER, "turn " + n, T0.plusMillis(n)));
                    }
                }));
            for (var f : done) f.get(30, TimeUnit.SECONDS);

            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();

            for (var call : talks) {
                assertThat(types(call)).hasSize(300).isEqualTo(java.util.stream.IntStream.range(0, 300).mapToObj(n -> "step." + n).toList());
                assertThat(calls.messages(tenant, call.id())).extracting(CallMessage::text).hasSize(30).startsWith("turn 0", "turn 10");
            }
            assertThat(recorder.counts().stored()).isEqualTo(6 * 330);
            assertThat(recorder.counts().lost()).isZero();
        } finally {
            pool.shutdown();
            recorder.close();
        }
    }

    @Test
    void a_clean_shutdown_stores_everything_still_queued() {
        // A batch window far longer than the test: without close() draining, nothing would be written yet.
        var recorder = new PostgresCallRecorder(calls, settings(10_000, Duration.ofSeconds(30), Duration.ofSeconds(1)));
        var call = aCall();
        var spoken = CallMessage.of(call, Speaker.AGENT, "Bonjour, salon Lumière.", T0);
        for (int n = 0; n < 1_000; n++) recorder.event(event(call, n));
        recorder.message(spoken);
        recorder.message(spoken.truncatedTo("Bonjour"));

        recorder.close();

        assertThat(types(call)).hasSize(1_000).startsWith("step.0", "step.1").endsWith("step.999");
        assertThat(calls.messages(tenant, call.id())).containsExactly(spoken.truncatedTo("Bonjour"));
        assertThat(recorder.counts()).satisfies(c -> {
            assertThat(c.stored()).isEqualTo(1_002);
            assertThat(c.lost()).isZero();
            assertThat(c.pending()).isZero();
        });
    }

    @Test
    void a_transient_failure_is_retried_and_nothing_is_lost() throws SQLException {
        // The database fails the first two inserts of these events as a serialization failure would.
        sql("CREATE SEQUENCE flaky_inserts",
                """
                CREATE FUNCTION flaky() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF nextval('flaky_inserts') <= 2 THEN
                    RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001';
                  END IF;
                  RETURN NEW;
                END $$""",
                "CREATE TRIGGER flaky BEFORE INSERT ON call_events FOR EACH ROW WHEN (NEW.type = 'flaky') EXECUTE FUNCTION flaky()");
        var recorder = new PostgresCallRecorder(calls, settings(100, Duration.ofMillis(5), Duration.ofSeconds(1)));
        try {
            var call = aCall();
            recorder.event(CallEvent.of(call, T0, "flaky", Map.of()));

            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(types(call)).containsExactly("flaky");
            assertThat(recorder.counts().retried()).isEqualTo(2);
            assertThat(recorder.counts().lost()).isZero();
        } finally {
            recorder.close();
        }
    }

    @Test
    void a_record_the_database_refuses_is_counted_and_the_rest_of_its_batch_is_stored() {
        var recorder = new PostgresCallRecorder(calls, settings(100, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        try {
            var call = aCall();
            var vanished = new Call(CallId.random(), tenant, call.direction(), call.from(), call.to(), call.runtime(), null, null,
                    "CA-gone", call.status(), T0, null, null, null, null, null, null, null);
            recorder.event(event(call, 1));
            recorder.event(event(vanished, 2));
            recorder.event(event(call, 3));

            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(types(call)).containsExactly("step.1", "step.3");
            assertThat(recorder.counts().failed()).isEqualTo(1);
            assertThat(recorder.counts().stored()).isEqualTo(2);
        } finally {
            recorder.close();
        }
    }

    @Test
    void a_full_queue_holds_producers_back_then_drops_and_counts() throws Exception {
        // Batches of one, so the writer holds one record and the queue (5) the next ones.
        var recorder = new PostgresCallRecorder(calls,
                new CallRecorderProperties(5, 1, Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofSeconds(20), Duration.ofSeconds(20)));
        var call = aCall();
        try (var blocker = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            // The writer's INSERT waits for this lock, so the queue fills up behind it.
            blocker.setAutoCommit(false);
            try (var st = blocker.createStatement()) {
                st.execute("LOCK TABLE call_events IN ACCESS EXCLUSIVE MODE");
            }
            try {
                for (int n = 0; n < 50; n++) recorder.event(event(call, n));
                assertThat(recorder.counts().dropped()).isPositive();
            } finally {
                blocker.rollback();
            }
        }
        try {
            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
            var counts = recorder.counts();
            assertThat(counts.stored() + counts.dropped()).isEqualTo(50);
            assertThat(types(call)).hasSize((int) counts.stored());
        } finally {
            recorder.close();
        }
    }

    @Test
    void records_handed_over_after_close_are_stored_on_the_callers_thread() {
        var recorder = new PostgresCallRecorder(calls, settings(100, Duration.ofMillis(5), Duration.ofSeconds(1)));
        var call = aCall();
        recorder.close();
        recorder.event(event(call, 1));
        assertThat(types(call)).containsExactly("step.1");
        assertThat(recorder.counts().stored()).isEqualTo(1);
    }

    private void sql(String... statements) throws SQLException {
        try (var c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); var st = c.createStatement()) {
            for (var s : statements) st.execute(s);
        }
    }
}
