package dev.switchboard.testkit.load;

import dev.switchboard.testkit.realtime.AudioTag;
import dev.switchboard.testkit.realtime.MeteredOpenAiRealtime;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every tagged frame of a stream load run, both ways: the callers count what they send and hear,
 * the fake Realtime counts what it hears and says (it shares this process's clock), so frames
 * lost, duplicated or out of order and each frame's forwarding delay are counted, not estimated.
 * Thread-safe: the callers' clock, their sockets' threads and the fake's threads all report here.
 */
public final class FrameTally implements MeteredOpenAiRealtime.Meter {
    final int run;
    final Latencies webhook = new Latencies();
    final Latencies handshake = new Latencies();
    final Latencies modelConnect = new Latencies();
    final Latencies callerToModel = new Latencies();
    final Latencies modelToCaller = new Latencies();
    final AtomicInteger completedCalls = new AtomicInteger();
    final AtomicInteger stray = new AtomicInteger();
    final AtomicInteger untagged = new AtomicInteger();
    final AtomicInteger clears = new AtomicInteger();
    final AtomicInteger clockErrors = new AtomicInteger();
    final Map<String, AtomicInteger> lost = new ConcurrentHashMap<>();
    private final Direction[] up;
    private final Direction[] down;
    private final long[] startSent;

    /** One direction of one call. Guarded by its own monitor. */
    static final class Direction {
        private final BitSet arrived = new BitSet();
        int sent;
        int received;
        int duplicated;
        int outOfOrder;
        int heldDuringConnect;
        private int highest = -1;
        private int answering;
        private boolean ending;

        synchronized void sent() {
            sent++;
        }

        synchronized void arrived(int sequence, boolean held) {
            if (arrived.get(sequence)) {
                duplicated++;
                return;
            }
            arrived.set(sequence);
            received++;
            if (held) heldDuringConnect++;
            if (sequence < highest) outOfOrder++;
            else highest = sequence;
        }

        synchronized void answering(boolean started) {
            answering += started ? 1 : -1;
        }

        synchronized boolean ending() {
            return ending;
        }

        synchronized void ending(boolean value) {
            ending = value;
        }

        /** Whether everything sent has arrived and nothing more is being sent. */
        synchronized boolean settled() {
            return answering == 0 && sent == received;
        }

        synchronized int received() {
            return received;
        }

        synchronized int missing() {
            return sent - received;
        }
    }

    /** @param run this run's number in its tags; {@code calls} its calls, indexed from 0 */
    public FrameTally(int run, int calls) {
        this.run = run;
        this.up = new Direction[calls];
        this.down = new Direction[calls];
        this.startSent = new long[calls];
        for (int i = 0; i < calls; i++) {
            up[i] = new Direction();
            down[i] = new Direction();
        }
    }

    int calls() {
        return up.length;
    }

    Direction callerToModel(int call) {
        return up[call];
    }

    Direction modelToCaller(int call) {
        return down[call];
    }

    void lost(String why) {
        lost.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Calls lost, all reasons together. */
    public int lostCalls() {
        return lost.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Call {@code call} sent {@code start} at {@code nanos}. */
    void started(int call, long nanos) {
        synchronized (startSent) {
            startSent[call] = nanos;
        }
    }

    /** A caller sent one tagged frame. */
    void callerSent(int call) {
        up[call].sent();
    }

    /** A caller heard one frame of agent audio (its tag, if it has one) at {@code arrivedNanos}. */
    void callerHeard(int call, java.util.Optional<AudioTag> tag, long arrivedNanos) {
        if (tag.isEmpty()) {
            untagged.incrementAndGet();
            return;
        }
        var t = tag.get();
        if (t.run() != run || t.call() != call) {
            stray.incrementAndGet();
            return;
        }
        down[call].arrived(t.sequence(), false);
        modelToCaller.add(arrivedNanos - t.sentNanos());
    }

    private boolean ours(AudioTag tag) {
        return tag.run() == run && tag.call() >= 0 && tag.call() < up.length;
    }

    @Override
    public void sessionUp(int tagRun, int call, long upNanos) {
        if (tagRun != run || call < 0 || call >= up.length) return;
        long start;
        synchronized (startSent) {
            start = startSent[call];
        }
        if (start != 0) modelConnect.add(upNanos - start);
    }

    @Override
    public void callerFrame(AudioTag tag, long arrivedNanos, boolean heldDuringConnect) {
        if (!ours(tag)) {
            stray.incrementAndGet();
            return;
        }
        up[tag.call()].arrived(tag.sequence(), heldDuringConnect);
        // Frames held while the model connected measure the connection, reported apart.
        if (!heldDuringConnect) callerToModel.add(arrivedNanos - tag.sentNanos());
    }

    @Override
    public void untaggedCallerFrame() {
        untagged.incrementAndGet();
    }

    @Override
    public void agentFrameSent(AudioTag tag) {
        if (ours(tag)) down[tag.call()].sent();
        else stray.incrementAndGet();
    }

    @Override
    public boolean mayAnswer(int tagRun, int call) {
        return tagRun != run || call < 0 || call >= down.length || !down[call].ending();
    }

    @Override
    public void answerStarted(int tagRun, int call) {
        if (tagRun == run && call >= 0 && call < down.length) down[call].answering(true);
    }

    @Override
    public void answerEnded(int tagRun, int call) {
        if (tagRun == run && call >= 0 && call < down.length) down[call].answering(false);
    }

    /** Call {@code call} is about to hang up: the model starts no new answer on it. */
    void ending(int call) {
        down[call].ending(true);
    }

    /** The sum over every call of one direction. */
    record Totals(long sent, long received, long lost, long duplicated, long outOfOrder, long heldDuringConnect) {}

    Totals totals(boolean callerToModel) {
        long sent = 0, received = 0, duplicated = 0, outOfOrder = 0, held = 0;
        for (var d : callerToModel ? up : down) {
            synchronized (d) {
                sent += d.sent;
                received += d.received;
                duplicated += d.duplicated;
                outOfOrder += d.outOfOrder;
                held += d.heldDuringConnect;
            }
        }
        return new Totals(sent, received, sent - received, duplicated, outOfOrder, held);
    }
}
