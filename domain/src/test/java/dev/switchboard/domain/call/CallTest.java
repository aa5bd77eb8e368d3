package dev.switchboard.domain.call;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallTest {
    private final Call ringing = Fixtures.call(TenantId.random(), T0);

    private static Call apply(Call call, List<CallStatus> statuses, List<Instant> times) {
        for (int i = 0; i < statuses.size(); i++) call = call.advance(statuses.get(i), times.get(i)).call();
        return call;
    }

    @Test
    void answered_then_completed_records_times_and_duration() {
        var answered = ringing.advance(CallStatus.IN_PROGRESS, T0.plusSeconds(4));
        assertThat(answered).isInstanceOf(StatusChange.Moved.class);
        var completed = answered.call().advance(CallStatus.COMPLETED, T0.plusSeconds(64)).call();
        assertThat(completed.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(completed.answeredAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(completed.endedAt()).isEqualTo(T0.plusSeconds(64));
        assertThat(completed.durationSeconds()).isEqualTo(60);
    }

    @Test
    void a_duplicate_status_is_ignored_and_changes_nothing() {
        var answered = ringing.advance(CallStatus.IN_PROGRESS, T0.plusSeconds(4)).call();
        var again = answered.advance(CallStatus.IN_PROGRESS, T0.plusSeconds(9));
        assertThat(again).isEqualTo(new StatusChange.Ignored(answered, CallStatus.IN_PROGRESS, CallStatus.IN_PROGRESS));
    }

    @Test
    void a_late_status_after_the_end_never_moves_the_call_back() {
        var completed = ringing.advance(CallStatus.COMPLETED, T0.plusSeconds(30)).call();
        for (var late : CallStatus.values()) assertThat(completed.advance(late, T0.plusSeconds(31)).call()).isEqualTo(completed);
    }

    @Test
    void reordered_callbacks_end_in_the_same_record_as_ordered_ones() {
        var times = List.of(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(62));
        var inOrder = apply(ringing, List.of(CallStatus.RINGING, CallStatus.IN_PROGRESS, CallStatus.COMPLETED), times);
        var shuffled = apply(ringing, List.of(CallStatus.IN_PROGRESS, CallStatus.RINGING, CallStatus.COMPLETED),
                List.of(times.get(1), times.get(0), times.get(2)));
        var duplicated = apply(ringing,
                List.of(CallStatus.IN_PROGRESS, CallStatus.IN_PROGRESS, CallStatus.COMPLETED, CallStatus.COMPLETED, CallStatus.RINGING),
                List.of(times.get(1), times.get(1), times.get(2), T0.plusSeconds(70), T0.plusSeconds(71)));
        assertThat(shuffled).isEqualTo(inOrder);
        assertThat(duplicated).isEqualTo(inOrder);
    }

    @Test
    void a_busy_call_has_no_answer_time_and_zero_duration() {
        var busy = ringing.advance(CallStatus.BUSY, T0.plusSeconds(10)).call();
        assertThat(busy.answeredAt()).isNull();
        assertThat(busy.durationSeconds()).isZero();
        assertThat(busy.endedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void the_carriers_duration_wins_over_the_computed_one() {
        var completed = ringing.advance(CallStatus.IN_PROGRESS, T0).call().withDuration(57)
                .advance(CallStatus.COMPLETED, T0.plusSeconds(60)).call();
        assertThat(completed.durationSeconds()).isEqualTo(57);
    }
}
