package dev.switchboard.testkit.load;

import dev.switchboard.testkit.caller.AgentTurn;
import dev.switchboard.testkit.caller.LiveCall;
import dev.switchboard.testkit.caller.VirtualCaller;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One load run: starts {@link LoadPlan#calls()} relay calls at the plan's rate, one thread per
 * call (a call is a conversation: one thread drives it, as a phone user would), keeps each
 * speaking every {@code think} until the plateau has lasted {@code hold}, then hangs them all up.
 * With a {@link LoadPlan#callLength()}, each thread hangs up after about that long and dials again,
 * so calls start and end all through the run at a constant concurrency (a soak's real traffic).
 * Every call says at least one line, so a server too slow to connect calls within the plateau
 * still shows in the latencies.
 *
 * <p>At the plateau's end the callers stop speaking, and only once every one of them has had its
 * last answer do they all hang up: a thousand hang-ups in the same second (action and status
 * callbacks, summaries) are not traffic a line sees in steady state, and turns still waiting for
 * their answer behind that storm measured it instead of the plateau (3-4 s at 1,000 calls, the
 * whole of the run's p99).
 */
public final class LoadRun {
    // Threads that only wait on sockets and sleep: a small stack lets thousands run.
    private static final long CALLER_STACK_BYTES = 256 * 1024;
    // One JDK HttpClient serialises its connections' timers and pool on a few locks; at 250 calls
    // per client those locks showed in the client's profile (JFR, 1,000 calls), so fewer per client.
    static final int CALLS_PER_CLIENT = 50;
    private final LoadPlan plan;
    private final List<VirtualCaller> callers;
    private final CallTimings timings;
    private final List<Long> serverPids;
    private final PrintWriter progress;
    /** Counted down once per caller thread when it will not speak again before the end. */
    private CountDownLatch doneSpeaking = new CountDownLatch(0);
    private final ThreadLocal<boolean[]> arrived = ThreadLocal.withInitial(() -> new boolean[1]);

    /**
     * @param callerFor  builds a virtual caller with the given listener; called a few times, each
     *                   caller carrying {@value #CALLS_PER_CLIENT} calls (one HTTP client each)
     * @param serverPids processes to observe: the server's JVM, PostgreSQL's postmaster…
     */
    public LoadRun(LoadPlan plan, BiFunction<Integer, CallTimings, VirtualCaller> callerFor, List<Long> serverPids, PrintWriter progress) {
        this.plan = plan;
        this.timings = new CallTimings();
        this.callers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, (plan.calls() + CALLS_PER_CLIENT - 1) / CALLS_PER_CLIENT); i++) callers.add(callerFor.apply(i, timings));
        this.serverPids = List.copyOf(serverPids);
        this.progress = progress;
    }

    /** Runs the plan to its end and reports what the callers and the server went through. */
    public LoadResult run() throws InterruptedException {
        var before = usage();
        doneSpeaking = new CountDownLatch(plan.calls());
        long start = System.nanoTime();
        long end = start + plan.end().toNanos();
        var threads = new ArrayList<Thread>();
        var lag = ClientLag.start(timings.clientLag);
        for (int i = 0; i < plan.calls(); i++) {
            sleepUntil(start + plan.startOf(i).toNanos());
            var caller = callers.get(i % callers.size());
            var thread = new Thread(null, () -> converse(caller, end), "caller-" + i, CALLER_STACK_BYTES);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
            if ((i + 1) % 100 == 0) progress.printf("  %d calls started%n", i + 1);
        }
        long plateau = System.nanoTime();
        var atPlateau = usage();
        var peak = new ArrayList<>(atPlateau);
        while (System.nanoTime() < end) {
            sleepUntil(Math.min(end, System.nanoTime() + 1_000_000_000L));
            var now = usage();
            for (int i = 0; i < now.size(); i++) peak.set(i, larger(peak.get(i), now.get(i)));
        }
        var atEnd = usage();
        double plateauSeconds = (System.nanoTime() - plateau) / 1e9;
        for (var t : threads) t.join(plan.replyTimeout().toMillis() + 30_000);
        lag.interrupt();
        return new LoadResult(plan, timings, serverPids, before, atPlateau, atEnd, peak, plateauSeconds);
    }

    private void converse(VirtualCaller caller, long end) {
        // With churn, the thread is a phone line: when its call ends, the next one is dialed.
        try {
            boolean live;
            do {
                live = oneCall(caller, plan.churns() ? Math.min(end, System.nanoTime() + jittered(plan.callLength())) : end, end);
            } while (live && plan.churns() && System.nanoTime() < end);
        } finally {
            doneSpeaking();
        }
    }

    /** This caller will not speak again; counted once per thread. */
    private void doneSpeaking() {
        var done = arrived.get();
        if (done[0]) return;
        done[0] = true;
        doneSpeaking.countDown();
    }

    /** Holds a caller at the end until every caller has had its last answer (see the class). */
    private void awaitEveryoneDoneSpeaking() {
        doneSpeaking();
        try {
            doneSpeaking.await(plan.replyTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Dials one call and talks until {@code hangUpAt}; false when the call was lost. */
    private boolean oneCall(VirtualCaller caller, long hangUpAt, long end) {
        timings.dialing();
        LiveCall call;
        try {
            call = caller.dial();
        } catch (RuntimeException e) {
            timings.lost("dial failed: " + e.getClass().getSimpleName());
            return false;
        }
        timings.connected();
        try (call) {
            if (!call.isLive()) {
                timings.lost(call.twiml().isEmpty() ? "voice webhook failed" : "no relay socket");
                return false;
            }
            // Callers in step would speak in bursts: each starts at a random point of its period.
            long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(plan.think().toNanos());
            int line = ThreadLocalRandom.current().nextInt(plan.lines().size());
            // Every call speaks at least once, even one that connected after the plateau's end.
            for (boolean first = true; first || next < hangUpAt; first = false) {
                sleepUntil(Math.min(next, Math.max(hangUpAt, System.nanoTime())));
                long saidAt = System.nanoTime();
                Optional<AgentTurn> turn = call.say(plan.lines().get(line++ % plan.lines().size()));
                var ending = turn.map(AgentTurn::ending).orElse(null);
                if (ending != AgentTurn.Ending.LAST_TOKEN) {
                    timings.lost(ending == null ? "session no longer live" : "turn " + ending.name().toLowerCase().replace('_', ' '));
                    return false;
                }
                next = Math.max(saidAt + plan.think().toNanos(), System.nanoTime());
            }
            if (hangUpAt >= end) awaitEveryoneDoneSpeaking();
            timings.completedCalls.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            timings.lost("caller error: " + e.getClass().getSimpleName());
            return false;
        }
    }

    private static long jittered(java.time.Duration length) {
        long nanos = length.toNanos();
        return nanos * 3 / 4 + ThreadLocalRandom.current().nextLong(Math.max(1, nanos / 2));
    }

    private List<Optional<ProcessUsage>> usage() {
        return serverPids.stream().map(ProcessUsage::ofTree).toList();
    }

    static Optional<ProcessUsage> larger(Optional<ProcessUsage> a, Optional<ProcessUsage> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        var x = a.get();
        var y = b.get();
        return Optional.of(new ProcessUsage(y.cpuSeconds(), Math.max(x.rssBytes(), y.rssBytes()), Math.max(x.threads(), y.threads()),
                Math.max(x.sockets(), y.sockets()), Math.max(x.processes(), y.processes())));
    }

    static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
