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
    /** The same delays, of frames sent in the steady part of the plateau ({@link #steadyBetween}) only. */
    final Latencies callerToModelSteady = new Latencies();
    final Latencies modelToCallerSteady = new Latencies();
    private volatile long steadyFrom = Long.MAX_VALUE;
    private volatile long steadyTo = Long.MIN_VALUE;
    final AtomicInteger completedCalls = new AtomicInteger();
    final AtomicInteger stray = new AtomicInteger();
    final AtomicInteger untagged = new AtomicInteger();
    final AtomicInteger clears = new AtomicInteger();
    final AtomicInteger clockErrors = new AtomicInteger();
    final Map<String, AtomicInteger> lost = new ConcurrentHashMap<>();
    private final Direction[] up;
    private final Direction[] down;
    private final long[] startSent;
    /** When each call's session was configured, as the fake saw it (0: not yet); guarded by {@link #startSent}. */
    private final long[] sessionUpAt;

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

        /** What the far end counted for this direction, read from the fake's process (it replaces the counts of that end). */
        synchronized void arrivedAtModel(int received, int duplicated, int outOfOrder, int held) {
            this.received = received;
            this.duplicated = duplicated;
            this.outOfOrder = outOfOrder;
            this.heldDuringConnect = held;
        }

        /** What the model has sent on this direction and whether it is still answering, read from the fake's process. */
        synchronized void sentByModel(int sent, int answering) {
            this.sent = sent;
            this.answering = answering;
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
        this.sessionUpAt = new long[calls];
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
        if (steady(t.sentNanos())) modelToCallerSteady.add(arrivedNanos - t.sentNanos());
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
            sessionUpAt[call] = upNanos;
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
        if (!heldDuringConnect && steady(tag.sentNanos())) callerToModelSteady.add(arrivedNanos - tag.sentNanos());
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

    /**
     * What the fake counted (its half of every call: caller frames that reached it, agent frames it
     * sent, answers under way, when each session was configured, and with {@code delays} every
     * caller → model forwarding delay), for the load client when the fake runs in a process of its
     * own. Both processes read {@link System#nanoTime()}, which on Linux is the system's
     * {@code CLOCK_MONOTONIC}: one clock for every process on the machine, so the delays measured
     * across them are as honest as in one process.
     */
    void writeModelSide(java.io.DataOutputStream out, boolean delays) throws java.io.IOException {
        out.writeInt(run);
        out.writeInt(up.length);
        for (int i = 0; i < up.length; i++) {
            synchronized (up[i]) {
                out.writeInt(up[i].received);
                out.writeInt(up[i].duplicated);
                out.writeInt(up[i].outOfOrder);
                out.writeInt(up[i].heldDuringConnect);
            }
            synchronized (down[i]) {
                out.writeInt(down[i].sent);
                out.writeInt(down[i].answering);
            }
            synchronized (startSent) {
                out.writeLong(sessionUpAt[i]);
            }
        }
        out.writeInt(stray.get());
        out.writeInt(untagged.get());
        var values = delays ? callerToModel.values() : new long[0];
        out.writeInt(delays ? values.length : -1);
        for (long v : values) out.writeLong(v);
        var steadyValues = delays ? callerToModelSteady.values() : new long[0];
        out.writeInt(steadyValues.length);
        for (long v : steadyValues) out.writeLong(v);
    }

    /**
     * Takes in what {@link #writeModelSide} wrote in the fake's process: the far end's counts
     * replace this tally's, and, when the delays came with them (once, at the end of the run),
     * the forwarding delays, model sessions and stray frames are added.
     */
    void readModelSide(java.io.DataInputStream in) throws java.io.IOException {
        int theirRun = in.readInt();
        int calls = in.readInt();
        if (theirRun != run || calls != up.length)
            throw new java.io.IOException("the fake Realtime counts run " + theirRun + " of " + calls + " calls, not run " + run + " of " + up.length);
        var upAt = new long[calls];
        for (int i = 0; i < calls; i++) {
            up[i].arrivedAtModel(in.readInt(), in.readInt(), in.readInt(), in.readInt());
            down[i].sentByModel(in.readInt(), in.readInt());
            upAt[i] = in.readLong();
        }
        int theirStray = in.readInt();
        int theirUntagged = in.readInt();
        int n = in.readInt();
        var values = new long[Math.max(0, n)];
        for (int i = 0; i < n; i++) values[i] = in.readLong();
        var steadyValues = new long[in.readInt()];
        for (int i = 0; i < steadyValues.length; i++) steadyValues[i] = in.readLong();
        if (n < 0) return;
        callerToModel.addAll(values);
        callerToModelSteady.addAll(steadyValues);
        stray.addAndGet(theirStray);
        untagged.addAndGet(theirUntagged);
        for (int i = 0; i < calls; i++) {
            long start;
            synchronized (startSent) {
                start = startSent[i];
            }
            if (upAt[i] != 0 && start != 0) modelConnect.add(upAt[i] - start);
        }
    }

    /**
     * Frames sent from {@code fromNanos} until {@code toNanos} ({@link System#nanoTime}) are the
     * steady state: every call is up and none is being set up or hung up, so their delays are
     * also reported apart from those of the ramp, when calls are being placed alongside.
     */
    void steadyBetween(long fromNanos, long toNanos) {
        steadyTo = toNanos;
        steadyFrom = fromNanos;
    }

    private boolean steady(long sentNanos) {
        return sentNanos >= steadyFrom && sentNanos < steadyTo;
    }

    /** Every call of this run is about to hang up: the model starts no new answer. */
    void endingAll() {
        for (var d : down) d.ending(true);
    }
}
