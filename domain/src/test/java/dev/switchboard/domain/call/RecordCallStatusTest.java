package dev.switchboard.domain.call;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordCallStatusTest {
    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final TenantId tenant = TenantId.random();
    private final RecordCallStatus record = new RecordCallStatus(calls, new SummarizeCall(calls, CallRecorder.direct(calls)),
            new InMemoryEarlyStatuses(calls), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

    /** When the carrier says each status happened: answered 5 s in, hung up 55 s later. */
    private static java.time.Instant when(CallStatus status) {
        return switch (status) {
            case IN_PROGRESS -> T0.plusSeconds(5);
            case COMPLETED -> T0.plusSeconds(60);
            default -> T0.plusSeconds(1);
        };
    }

    private Call replay(List<CallStatus> statuses) {
        var call = Fixtures.call(tenant, T0);
        calls.add(call);
        for (var status : statuses)
            record.record(new RecordCallStatus.Command(tenant, call.providerCallId(), status, status.isFinal() ? 55 : null,
                    when(status), null));
        return calls.findById(tenant, call.id()).orElseThrow();
    }

    @Test
    void duplicated_and_shuffled_callbacks_leave_the_same_final_record() {
        var ordered = replay(List.of(CallStatus.RINGING, CallStatus.IN_PROGRESS, CallStatus.COMPLETED));
        var shuffled = replay(List.of(CallStatus.COMPLETED, CallStatus.IN_PROGRESS, CallStatus.RINGING, CallStatus.COMPLETED));
        assertThat(ordered.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(ordered.durationSeconds()).isEqualTo(55);
        assertThat(ordered.answeredAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(ordered.endedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(ordered.summary()).isEqualTo("Outcome: completed, 55 s. Caller intent: (the caller said nothing). Actions: none.");
        assertThat(shuffled).usingRecursiveComparison().ignoringFields("id", "providerCallId").isEqualTo(ordered);
        assertThat(calls.events(tenant, shuffled.id())).extracting(CallEvent::type)
                .containsExactly("status.changed", "summary.written", "status.ignored", "status.ignored", "status.ignored");
    }

    @Test
    void an_unknown_call_is_reported_as_such() {
        assertThat(record.record(new RecordCallStatus.Command(tenant, "CAnone", CallStatus.COMPLETED, 3, null, null))).isEmpty();
    }

    @Test
    void a_callback_that_arrives_before_its_call_is_applied_once_the_call_exists() {
        var call = Fixtures.call(tenant, T0);
        assertThat(record.record(new RecordCallStatus.Command(tenant, call.providerCallId(), CallStatus.COMPLETED, 55,
                when(CallStatus.COMPLETED), null))).isEmpty();
        assertThat(record.applyEarly(10)).isZero();

        calls.add(call);
        assertThat(record.applyEarly(10)).isEqualTo(1);

        var stored = calls.findById(tenant, call.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(stored.durationSeconds()).isEqualTo(55);
        assertThat(stored.endedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(record.applyEarly(10)).isZero();
    }

    @Test
    void racing_callbacks_never_move_the_call_backwards() throws Exception {
        var call = Fixtures.call(tenant, T0);
        calls.add(call);
        var statuses = new ArrayList<CallStatus>();
        for (int i = 0; i < 16; i++) statuses.add(List.of(CallStatus.IN_PROGRESS, CallStatus.COMPLETED, CallStatus.RINGING).get(i % 3));
        var pool = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        for (var status : statuses)
            pool.submit(() -> {
                start.await();
                return record.record(new RecordCallStatus.Command(tenant, call.providerCallId(), status, null, null, null));
            });
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        var events = calls.events(tenant, call.id()).stream().map(CallEvent::type).toList();
        assertThat(calls.findById(tenant, call.id()).orElseThrow().status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(events.stream().filter("summary.written"::equals)).hasSize(1);
    }
}
