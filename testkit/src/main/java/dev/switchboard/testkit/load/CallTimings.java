package dev.switchboard.testkit.load;

import dev.switchboard.testkit.caller.AgentTurn;
import dev.switchboard.testkit.caller.CallListener;
import dev.switchboard.testkit.caller.TwimlDocument;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every latency of a load run, as the callers saw them. One instance listens to all calls: the
 * virtual caller calls its listener on the thread driving the call, so each call's instants are
 * kept per thread.
 */
public final class CallTimings implements CallListener {
    final Latencies webhook = new Latencies();
    final Latencies handshake = new Latencies();
    final Latencies firstToken = new Latencies();
    final Latencies lastToken = new Latencies();
    /** How late the load client's own 10 ms sleeps woke: when this is high, the client, not the server, was slow. */
    final Latencies clientLag = new Latencies();
    final AtomicInteger completedCalls = new AtomicInteger();
    final Map<String, AtomicInteger> lost = new ConcurrentHashMap<>();
    private final ThreadLocal<long[]> instants = ThreadLocal.withInitial(() -> new long[3]);
    private static final int DIALED = 0, ANSWERED = 1, SAID = 2;

    /** The calling thread starts dialing now. */
    void dialing() {
        var at = instants.get();
        at[DIALED] = System.nanoTime();
        at[ANSWERED] = 0;
    }

    /** The calling thread's call has its socket up (or has given up on it) now. */
    void connected() {
        var at = instants.get();
        if (at[ANSWERED] != 0) handshake.add(System.nanoTime() - at[ANSWERED]);
    }

    void lost(String why) {
        lost.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void answered(TwimlDocument twiml) {
        var at = instants.get();
        at[ANSWERED] = System.nanoTime();
        webhook.add(at[ANSWERED] - at[DIALED]);
    }

    @Override
    public void callerSaid(String text) {
        instants.get()[SAID] = System.nanoTime();
    }

    @Override
    public void agentStarted() {
        firstToken.add(System.nanoTime() - instants.get()[SAID]);
    }

    @Override
    public void agentTurnEnded(AgentTurn turn) {
        if (turn.ending() == AgentTurn.Ending.LAST_TOKEN) lastToken.add(System.nanoTime() - instants.get()[SAID]);
    }

    /** Calls lost, all reasons together. */
    public int lostCalls() {
        return lost.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
