package dev.switchboard.testkit.load;

import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.realtime.MeteredOpenAiRealtime;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stream load run: starts {@link LoadPlan#calls()} Media Streams calls at the plan's rate,
 * each sending a tagged 20 ms frame of caller audio in real time, while the fake Realtime (in this
 * process, where the server's model sessions land) answers every {@link LoadPlan#think()} of
 * caller audio with tagged agent audio. Once the plateau has lasted {@code hold}, each call asks
 * the model for no new answer and waits (at most 5 s) for the agent audio still on its way, then hangs up; the run waits for the server to
 * close its model sessions, then counts every frame both ways.
 */
public final class StreamLoadRun {
    /** How long a call waits at its end for the model's answer under way and the agent audio already sent. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final long CALLER_STACK_BYTES = 256 * 1024;
    private static final int COMPLETED = 1;
    private final int run;
    private final LoadPlan plan;
    private final Target target;
    private final MeteredOpenAiRealtime model;
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
     * @param model      the fake Realtime the server's model sessions connect to
     * @param serverPids processes to observe: the server's JVM, PostgreSQL's postmaster… (this process is observed
     *                   too, after them)
     */
    public StreamLoadRun(int run, LoadPlan plan, Target target, MeteredOpenAiRealtime model, List<Long> serverPids, PrintWriter progress) {
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
        model.meter(tally);
        var sid = new byte[16];
        new SecureRandom().nextBytes(sid);
        var accountSid = "AC" + HexFormat.of().formatHex(sid);
        int groups = Math.max(1, (plan.calls() + 249) / 250);
        var callers = new ArrayList<VirtualCaller>();
        var sockets = new ArrayList<HttpClient>();
        for (int g = 0; g < groups; g++) {
            callers.add(VirtualCaller.builder(target.baseUrl()).publicUrl(target.publicUrl()).authToken(target.authToken())
                    .accountSid(accountSid).to(target.number()).from(String.format("+3361%07d", g)).build());
            sockets.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }
        // The phones' 20 ms clock, shared: a tick only builds a frame and chains its send.
        var clock = new ScheduledThreadPoolExecutor(2, r -> {
            var t = new Thread(r, "stream-load-clock");
            t.setDaemon(true);
            return t;
        });
        var before = usage();
        long start = System.nanoTime();
        long end = start + plan.end().toNanos();
        // Per call: 0 not placed or lost, COMPLETED once it hung up normally.
        var outcome = new AtomicInteger[plan.calls()];
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < plan.calls(); i++) {
            LoadRun.sleepUntil(start + plan.startOf(i).toNanos());
            var call = new StreamLoadCall(run, i, callers.get(i % groups), accountSid, sockets.get(i % groups), target, tally);
            var state = outcome[i] = new AtomicInteger();
            var thread = new Thread(null, () -> converse(call, clock, end, tally, state), "stream-caller-" + i, CALLER_STACK_BYTES);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
            if ((i + 1) % 100 == 0) progress.printf("  %d calls started%n", i + 1);
        }
        long plateau = System.nanoTime();
        var atPlateau = usage();
        var peak = new ArrayList<>(atPlateau);
        while (System.nanoTime() < end) {
            LoadRun.sleepUntil(Math.min(end, System.nanoTime() + 1_000_000_000L));
            var now = usage();
            for (int i = 0; i < now.size(); i++) peak.set(i, LoadRun.larger(peak.get(i), now.get(i)));
        }
        var atEnd = usage();
        double plateauSeconds = (System.nanoTime() - plateau) / 1e9;
        for (var t : threads) t.join(plan.replyTimeout().toMillis() + 30_000);
        clock.shutdownNow();
        // The server closes each model session after forwarding the caller's last frames.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (model.openSessions() > 0 && System.nanoTime() < deadline) Thread.sleep(50);
        for (int i = 0; i < plan.calls(); i++) {
            if (outcome[i].get() == COMPLETED && tally.callerToModel(i).received() == 0) {
                tally.completedCalls.decrementAndGet();
                tally.lost("no caller frame reached the model");
            }
        }
        return new StreamLoadResult(plan, tally, serverPids, before, atPlateau, atEnd, peak, plateauSeconds, model.openSessions());
    }

    private void converse(StreamLoadCall call, ScheduledThreadPoolExecutor clock, long end, FrameTally tally, AtomicInteger outcome) {
        try {
            var failure = call.dial(clock);
            if (failure != null) {
                tally.lost(failure);
                call.hangUp();
                return;
            }
            LoadRun.sleepUntil(end);
            call.drain(DRAIN);
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
            call.hangUp();
        }
    }

    private List<Optional<ProcessUsage>> usage() {
        return serverPids.stream().map(ProcessUsage::ofTree).toList();
    }
}
