package dev.switchboard.testkit.load;

import dev.switchboard.testkit.caller.VirtualCaller;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stream load run: starts {@link LoadPlan#calls()} Media Streams calls at the plan's rate,
 * each sending a tagged 20 ms frame of caller audio in real time, while the fake Realtime (in this
 * process or its own, where the server's model sessions land) answers every {@link LoadPlan#think()} of
 * caller audio with tagged agent audio. Once the plateau has lasted {@code hold}, each call asks
 * the model for no new answer and waits (at most 5 s) for the agent audio still on its way, then hangs up; the run waits for the server to
 * close its model sessions, then counts every frame both ways.
 */
public final class StreamLoadRun {
    /** How long a call waits at its end for the model's answer under way and the agent audio already sent. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** From the last call placed to the steady state: its handshake, start and model session settle first. */
    private static final long SETTLE_NANOS = Duration.ofSeconds(3).toNanos();
    private static final long DIALER_STACK_BYTES = 256 * 1024;
    /** Threads that post the webhooks and wait for handshakes; the calls' audio never runs on them. */
    private static final int DIALERS = 64;
    private static final int COMPLETED = 1;
    private final int run;
    private final LoadPlan plan;
    private final Target target;
    private final ModelSide model;
    private final List<Long> serverPids;
    private final PrintWriter progress;

    /**
     * The server and the number called.
     *
     * @param baseUrl   where the server listens
     * @param publicUrl the URL it validates signatures against (and writes into TwiML)
     * @param authToken the Twilio auth token requests are signed with
     * @param number    the number called, whose assistant is a stream assistant on OpenAI Realtime
     */
    public record Target(String baseUrl, String publicUrl, String authToken, String number) {
        public Target {
            baseUrl = trim(baseUrl);
            publicUrl = trim(publicUrl == null || publicUrl.isBlank() ? baseUrl : publicUrl);
        }

        private static String trim(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }

    /**
     * @param run        this run's number, written in every tag (a warm-up run has another)
     * @param model      the fake Realtime the server's model sessions connect to (in this process or its own)
     * @param serverPids processes to observe: the server's JVM, PostgreSQL's postmaster… (this process is observed
     *                   too, after them)
     */
    public StreamLoadRun(int run, LoadPlan plan, Target target, ModelSide model, List<Long> serverPids, PrintWriter progress) {
        this.run = run;
        this.plan = plan;
        this.target = target;
        this.model = model;
        // The load client itself is observed last: it plays every caller and the fake Realtime on the
        // same cores as the server, so its CPU is part of what a run on one machine measures.
        var observed = new ArrayList<>(serverPids);
        observed.add(ProcessHandle.current().pid());
        this.serverPids = List.copyOf(observed);
        this.progress = progress;
    }

    /** Runs the plan to its end and reports what went through the server both ways. */
    public StreamLoadResult run() throws InterruptedException {
        var tally = new FrameTally(run, plan.calls());
        model.begin(tally);
        var sid = new byte[16];
        new SecureRandom().nextBytes(sid);
        var accountSid = "AC" + HexFormat.of().formatHex(sid);
        int groups = Math.max(1, (plan.calls() + 249) / 250);
        var callers = new ArrayList<VirtualCaller>();
        for (int g = 0; g < groups; g++) {
            callers.add(VirtualCaller.builder(target.baseUrl()).publicUrl(target.publicUrl()).authToken(target.authToken())
                    .accountSid(accountSid).to(target.number()).from(String.format("+3361%07d", g)).build());
        }
        // The webhooks block (the JDK's HTTP client, as a Twilio edge would wait): they run here, never on the callers' loops.
        var dialers = Executors.newFixedThreadPool(DIALERS, r -> {
            var t = new Thread(null, r, "stream-dialer", DIALER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        try (var loops = new CallerLoops(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())))) {
            var before = usage();
            long start = System.nanoTime();
            long end = start + plan.end().toNanos();
            var calls = new ArrayList<StreamLoadCall>();
            var dialed = new ArrayList<CompletableFuture<Boolean>>();
            for (int i = 0; i < plan.calls(); i++) {
                LoadRun.sleepUntil(start + plan.startOf(i).toNanos());
                var call = new StreamLoadCall(run, i, callers.get(i % groups), accountSid, loops, target, tally);
                calls.add(call);
                dialed.add(CompletableFuture.supplyAsync(call::dial, dialers).thenCompose(f -> f)
                        .thenApplyAsync(failure -> placed(call, failure, tally), dialers)
                        .exceptionally(e -> {
                            tally.lost("caller error: " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
                            return false;
                        }));
                if ((i + 1) % 100 == 0) progress.printf("  %d calls started%n", i + 1);
            }
            long plateau = System.nanoTime();
            // The steady state: every call placed a few seconds ago, none hung up yet.
            long steadyFrom = Math.min(end, plateau + SETTLE_NANOS);
            tally.steadyBetween(steadyFrom, end);
            model.steady(tally, steadyFrom, end);
            var atPlateau = usage();
            var peak = new ArrayList<>(atPlateau);
            while (System.nanoTime() < end) {
                LoadRun.sleepUntil(Math.min(end, System.nanoTime() + 1_000_000_000L));
                var now = usage();
                for (int i = 0; i < now.size(); i++) peak.set(i, LoadRun.larger(peak.get(i), now.get(i)));
            }
            var atEnd = usage();
            double plateauSeconds = (System.nanoTime() - plateau) / 1e9;
            drain(calls, tally);
            // Per call: 0 not placed or lost, COMPLETED once it hung up normally.
            var outcome = new AtomicInteger[plan.calls()];
            var hungUp = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < plan.calls(); i++) {
                var call = calls.get(i);
                var state = outcome[i] = new AtomicInteger();
                hungUp.add(dialed.get(i).thenAcceptAsync(live -> {
                    if (live) hangUp(call, tally, state);
                }, dialers));
            }
            try {
                CompletableFuture.allOf(hungUp.toArray(CompletableFuture[]::new)).get(plan.replyTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                progress.printf("  not every call hung up in time: %s%n", e);
            }
            dialers.shutdownNow();
            // The server closes each model session after forwarding the caller's last frames.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (model.openSessions() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
            model.finish(tally);
            for (int i = 0; i < plan.calls(); i++) {
                if (outcome[i].get() == COMPLETED && tally.callerToModel(i).received() == 0) {
                    tally.completedCalls.decrementAndGet();
                    tally.lost("no caller frame reached the model");
                }
            }
            return new StreamLoadResult(plan, tally, serverPids, before, atPlateau, atEnd, peak, plateauSeconds, model.openSessions());
        }
    }

    /**
     * The plateau is over: the model is told to start no new answer, then (at most {@link #DRAIN})
     * every call waits for the answer under way to be sent and for every agent frame sent to
     * arrive (the callers keep streaming meanwhile, as a phone line does), so frames still on
     * their way are not counted lost.
     */
    private void drain(List<StreamLoadCall> calls, FrameTally tally) throws InterruptedException {
        model.ending(tally);
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < deadline) {
            model.refresh(tally);
            boolean settled = true;
            for (var call : calls) settled &= call.settled();
            if (settled) return;
            Thread.sleep(50);
        }
    }

    /** @return whether the call is live; else it is counted lost, with why, and hung up */
    private static boolean placed(StreamLoadCall call, String failure, FrameTally tally) {
        if (failure == null) return true;
        tally.lost(failure);
        try {
            call.hangUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Counted lost already.
        }
        return false;
    }

    private static void hangUp(StreamLoadCall call, FrameTally tally, AtomicInteger outcome) {
        try {
            boolean closedEarly = call.serverClosed();
            call.hangUp();
            if (closedEarly) tally.lost("the server closed the stream");
            else {
                tally.completedCalls.incrementAndGet();
                outcome.set(COMPLETED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            tally.lost("caller error: " + e.getClass().getSimpleName());
        }
    }

    private List<Optional<ProcessUsage>> usage() {
        return serverPids.stream().map(ProcessUsage::ofTree).toList();
    }
}
