package dev.switchboard.twilio.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call's lane on a bounded pool (issue 9 §5): work the full pool refuses waits in the lane,
 * in order, is reported once per refusal, and runs when the lane retries with a thread free.
 * The pool here has one thread and a queue of one; the test decides when retries run.
 */
class SerialExecutorTest {
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
    private final List<Runnable> retries = new CopyOnWriteArrayList<>();
    private final AtomicInteger cleared = new AtomicInteger();
    private final SerialExecutor.Saturation saturation = new SerialExecutor.Saturation() {
        @Override
        public void full(Runnable retry) {
            retries.add(retry);
        }

        @Override
        public void cleared() {
            cleared.incrementAndGet();
        }
    };

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void work_refused_by_a_full_pool_waits_in_its_lane_and_runs_in_order_once_a_thread_is_free() throws Exception {
        var release = new CountDownLatch(1);
        var occupied = new CountDownLatch(1);
        pool.execute(() -> {
            occupied.countDown();
            await(release);
        });
        occupied.await();
        pool.execute(() -> await(release)); // fills the queue: the pool is now full

        var lane = new SerialExecutor(pool, saturation);
        var ran = new CopyOnWriteArrayList<String>();
        var done = new CountDownLatch(3);
        for (var name : List.of("setup", "prompt", "interrupt")) {
            lane.execute(() -> {
                ran.add(name);
                done.countDown();
            });
        }
        assertThat(retries).hasSize(1);
        assertThat(lane.queued()).isEqualTo(3);
        assertThat(lane.idle()).isFalse();
        assertThat(ran).isEmpty();

        retries.get(0).run(); // still full: refused again, arranged again, nothing lost
        assertThat(retries).hasSize(2);
        assertThat(lane.queued()).isEqualTo(3);
        assertThat(cleared).hasValue(0);

        release.countDown();
        while (!pool.getQueue().isEmpty()) Thread.onSpinWait(); // the blocked work drained: room in the queue
        retries.get(1).run();
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(ran).containsExactly("setup", "prompt", "interrupt");
        assertThat(retries).hasSize(2);
        assertThat(cleared).hasValue(1);
        while (!lane.idle()) Thread.onSpinWait();
        assertThat(lane.queued()).isZero();
    }

    @Test
    void with_room_in_the_pool_nothing_waits_and_nothing_is_reported() throws Exception {
        var lane = new SerialExecutor(pool, saturation);
        var ran = new CopyOnWriteArrayList<Integer>();
        var done = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            int n = i;
            lane.execute(() -> {
                ran.add(n);
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
        assertThat(retries).isEmpty();
        assertThat(cleared).hasValue(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
