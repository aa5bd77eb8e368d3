package dev.switchboard.domain.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.shared.CommitGate;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The state machine of one tool run: a deadline abandons only a run whose write has not begun. */
class ToolRunTest {
    private final ToolRun run = new ToolRun();

    @Test
    void abandoned_before_writing_refuses_the_write() {
        assertThat(run.abandon()).isTrue();
        var wrote = new AtomicBoolean();
        assertThatThrownBy(() -> run.commit(() -> wrote.getAndSet(true))).isInstanceOf(CommitGate.Refused.class);
        assertThat(wrote).isFalse();
        assertThat(run.state()).isEqualTo(ToolRun.State.ABANDONED);
    }

    @Test
    void a_run_writing_when_the_deadline_comes_cannot_be_abandoned() {
        var duringWrite = new boolean[1];
        run.commit(() -> duringWrite[0] = run.abandon());
        assertThat(duringWrite[0]).isFalse();
        assertThat(run.state()).isEqualTo(ToolRun.State.SETTLED);
        assertThat(run.abandon()).isFalse();
    }

    @Test
    void a_write_that_throws_still_settles_the_run() {
        assertThatThrownBy(() -> run.commit(() -> {
            throw new IllegalStateException("slot taken");
        })).hasMessage("slot taken");
        assertThat(run.state()).isEqualTo(ToolRun.State.SETTLED);
        assertThat(run.abandon()).isFalse();
    }
}
