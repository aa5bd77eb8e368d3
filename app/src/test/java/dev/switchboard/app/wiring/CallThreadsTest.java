package dev.switchboard.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tool.Tool;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.ToolRunner;
import dev.switchboard.domain.tool.Toolbox;
import dev.switchboard.domain.shared.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The call pools are bounded as configured: a tiny pool refuses work at once instead of growing (issue 9 §5). */
class CallThreadsTest {
    @Test
    void a_pool_of_one_thread_and_no_queue_refuses_a_second_task_while_the_first_runs() throws Exception {
        var pool = CallThreadsFactory.bounded("call-turn", 1, 0);
        var release = new CountDownLatch(1);
        var running = new CountDownLatch(1);
        var name = new String[1];
        try {
            pool.execute(() -> {
                name[0] = Thread.currentThread().getName();
                running.countDown();
                await(release);
            });
            running.await();
            assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
            assertThat(name[0]).isEqualTo("call-turn-1");
        } finally {
            release.countDown();
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_tool_the_full_tool_pool_cannot_start_is_answered_as_not_done() throws Exception {
        var pool = CallThreadsFactory.bounded("call-tool", 1, 0);
        var release = new CountDownLatch(1);
        var running = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                running.countDown();
                await(release);
            });
            running.await();
            var tenant = TenantId.random();
            var runner = new ToolRunner(new Toolbox(List.of(new Tool() {
                @Override
                public ToolDefinition definition() {
                    return new ToolDefinition("check_availability", "never runs", Map.of("type", "object"));
                }

                @Override
                public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
                    throw new AssertionError("must not run");
                }
            })), pool, Duration.ofSeconds(5));
            var outcome = runner.run(new ToolContext(tenant, Fixtures.assistant(tenant, "Reception"), null, null),
                    new ToolCall("call_1", "check_availability", Map.of()));

            assertThat(outcome).isEqualTo(new ToolOutcome.Failed("Error: check_availability could not start: the system is very "
                    + "busy. Nothing was done. Tell the caller and offer to try again in a moment or another way.",
                    Map.of("error", "tool threads all busy")));
        } finally {
            release.countDown();
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
