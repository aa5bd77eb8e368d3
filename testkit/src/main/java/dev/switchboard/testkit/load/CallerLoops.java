package dev.switchboard.testkit.load;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import dev.switchboard.testkit.LoopTransport;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the callers of a stream load run live: a few Netty event loops carry every caller's
 * socket, and each loop paces its own callers with one 1 ms timer — no thread per call, no lock
 * on the way of a frame. A caller is given one of 20 slots of the 20 ms period (by its index), so
 * a thousand phones do not all send in the same millisecond, as real phones do not; on each
 * tick a loop sends the next frame of the callers of that slot. A caller is only ever touched on
 * its own loop.
 */
final class CallerLoops implements AutoCloseable {
    /** What a loop does for one caller every 20 ms, on that loop. */
    interface Paced {
        /** One 20 ms tick: the next frame goes out, 20 ms of the agent plays. Never throws. */
        void tick();

        /** Which of the 20 one-millisecond slots of the period this caller sends in. */
        int slot();
    }

    private static final int SLOTS = 20;
    private static final AtomicLong THREADS = new AtomicLong();
    private final EventLoopGroup group;
    private final Map<EventLoop, Pacer> pacers = new IdentityHashMap<>();

    CallerLoops(int threads) {
        group = LoopTransport.loops(threads, r -> {
            var t = new Thread(r, "stream-caller-loop-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (var executor : group) {
            var loop = (EventLoop) executor;
            var pacer = new Pacer();
            pacers.put(loop, pacer);
            pacer.timer = loop.scheduleAtFixedRate(pacer::tick, 1, 1, TimeUnit.MILLISECONDS);
        }
    }

    EventLoopGroup group() {
        return group;
    }

    /** Starts pacing {@code caller}; call on {@code loop}. */
    void pace(EventLoop loop, Paced caller) {
        pacers.get(loop).slots[Math.floorMod(caller.slot(), SLOTS)].add(caller);
    }

    /** Stops pacing {@code caller}; call on {@code loop}. */
    void stop(EventLoop loop, Paced caller) {
        pacers.get(loop).slots[Math.floorMod(caller.slot(), SLOTS)].remove(caller);
    }

    /** One loop's callers by slot; confined to that loop. */
    private static final class Pacer {
        @SuppressWarnings("unchecked")
        final List<Paced>[] slots = new List[SLOTS];
        ScheduledFuture<?> timer;
        private long ticks;

        Pacer() {
            for (int i = 0; i < SLOTS; i++) slots[i] = new ArrayList<>();
        }

        void tick() {
            var due = slots[(int) (ticks++ % SLOTS)];
            // A copy: a tick may end its caller (the server closed the stream).
            for (var caller : due.toArray(Paced[]::new)) caller.tick();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
