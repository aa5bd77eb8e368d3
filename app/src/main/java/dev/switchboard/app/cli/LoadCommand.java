package dev.switchboard.app.cli;

import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.load.LoadPlan;
import dev.switchboard.testkit.load.LoadRun;
import dev.switchboard.testkit.load.ModelSide;
import dev.switchboard.testkit.load.StreamLoadRun;
import dev.switchboard.testkit.realtime.MeteredOpenAiRealtime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code switchboard load}: many simulated calls against a running server, from this process, so
 * that the server is measured apart from the callers.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Places many simulated calls against a running Switchboard server, as Twilio would (signed webhooks,",
                "ConversationRelay or Media Streams WebSockets, status callbacks), and reports what the callers went",
                "through, calls lost and, with --server-pid, the server's CPU and memory per call.",
                "relay: point it at a number whose assistant runs the offline model; it reports webhook, handshake,",
                "first- and last-token latencies.",
                "stream: point it at a number whose assistant is a stream assistant on OpenAI Realtime (the demo stream",
                "line by default), on a server started with SWITCHBOARD_OPENAI_REALTIME_URL=ws://127.0.0.1:<realtime-port>/v1/realtime",
                "and OPENAI_API_KEY set to anything: this command runs that fake Realtime itself, tags every 20 ms frame",
                "both ways, and reports frames lost, out of order and forwarding delay each way."},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:no call (and, for stream, no frame) lost",
                "1:calls or frames were lost (see the report)", "2:bad arguments"})
final class LoadCommand implements Callable<Integer> {
    private static final String RELAY_DEMO_NUMBER = "+15005550006";
    private static final String STREAM_DEMO_NUMBER = "+15005550007";
    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:${env:PORT:-8080}", description = "Where the server listens (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--public-url", description = "The public URL the server validates signatures against"
            + " (default: $SWITCHBOARD_PUBLIC_URL, else --url).")
    String publicUrl;

    @Option(names = "--number", description = "The number called (default: the demo number, +15005550006; for stream, the demo"
            + " stream line, +15005550007).")
    String number;

    @Option(names = "--auth-token", description = "The Twilio auth token to sign with (default: as for simulate).")
    String authToken;

    @Option(names = "--calls", defaultValue = "100", description = "Calls live at the plateau (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--ramp", defaultValue = "25", description = "New calls per second until all are live (default: ${DEFAULT-VALUE}).")
    double ramp;

    @Option(names = "--think", defaultValue = "3000", paramLabel = "MS", description = "Each caller says a line every MS ms; for stream,"
            + " the model answers (1 s of audio) after every MS ms of caller audio (default: ${DEFAULT-VALUE}).")
    long thinkMillis;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "S",
            description = "Seconds every call stays live once the last has started (default: ${DEFAULT-VALUE}).")
    long holdSeconds;

    @Option(names = "--call-length", defaultValue = "0", paramLabel = "S",
            description = "relay: each call hangs up after about S seconds (±25 %) and its caller dials again, so calls start and end"
                    + " all through the run at constant concurrency, as in a soak (default: calls last the whole run).")
    long callLengthSeconds;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
            description = "First run N calls, unreported, to warm the server's JIT and pools, and this client's (default: none).")
    int warmupCalls;

    @Option(names = "--warmup-seconds", defaultValue = "10", paramLabel = "S",
            description = "How long the warm-up's calls stay up (default: ${DEFAULT-VALUE}). The server's JIT still compiled"
                    + " for a minute and more of stream traffic: a longer warm-up measures its steady state.")
    long warmupSeconds;

    @Option(names = "--reply-timeout", defaultValue = "30", paramLabel = "S",
            description = "A turn without its last token within S seconds is a lost call (default: ${DEFAULT-VALUE}).")
    long replyTimeoutSeconds;

    @Option(names = "--server-pid", paramLabel = "PID", description = "A process to observe (the server's JVM; PostgreSQL's postmaster,"
            + " counted with its children); repeatable.")
    List<Long> serverPids = new ArrayList<>();

    @Option(names = "--runtime", defaultValue = "relay", description = "The runtime the number's assistant uses: relay (default) or stream.")
    String runtime;

    @Option(names = "--realtime-port", defaultValue = "18095", paramLabel = "PORT", description = "stream: the loopback port of the fake"
            + " OpenAI Realtime this command runs, where the server's SWITCHBOARD_OPENAI_REALTIME_URL points (default: ${DEFAULT-VALUE}).")
    int realtimePort;

    @Option(names = "--realtime-control", paramLabel = "URL", description = "stream: use the fake OpenAI Realtime already running in its own"
            + " process (dev.switchboard.testkit.load.FakeRealtimeMain, e.g. http://127.0.0.1:18195) instead of running one here, so that"
            + " the callers and the model are measured apart (default: run it here, on --realtime-port).")
    String realtimeControl;

    private final Function<String, String> env;

    LoadCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!runtime.equals("relay") && !runtime.equals("stream")) {
            err.println("--runtime " + runtime + ": only relay and stream calls can be load-tested from here");
            return 2;
        }
        var server = new ServerSettings(env);
        var token = server.authToken(authToken);
        if (token == null) {
            err.println("no auth token: pass --auth-token, set TWILIO_AUTH_TOKEN, or start the server once so that it creates "
                    + server.dataDirectory().resolve(SimulateCommand.TOKEN_FILE));
            return 1;
        }
        var signedUrl = server.publicUrl(publicUrl, url);
        if (runtime.equals("stream")) return stream(token, signedUrl);
        if (number == null) number = RELAY_DEMO_NUMBER;
        var lines = LoadPlan.NEUTRAL_LINES;
        var replyTimeout = Duration.ofSeconds(replyTimeoutSeconds);
        if (warmupCalls > 0) {
            out.printf("warm-up: %d calls for %d s…%n", warmupCalls, warmupSeconds);
            var warmup = new LoadPlan(warmupCalls, ramp, Duration.ofMillis(thinkMillis), Duration.ofSeconds(warmupSeconds), replyTimeout, lines);
            new LoadRun(warmup, (i, timings) -> caller(token, signedUrl, i, timings), List.of(), out).run();
        }
        var plan = new LoadPlan(calls, ramp, Duration.ofMillis(thinkMillis), Duration.ofSeconds(holdSeconds), replyTimeout, lines,
                Duration.ofSeconds(callLengthSeconds));
        out.printf("load: %d calls at %.0f/s against %s (%s)%s…%n", calls, ramp, url, number,
                plan.churns() ? ", each about " + callLengthSeconds + " s long" : "");
        // The client observes itself too: on a shared machine its CPU is the server's competition.
        var observed = new ArrayList<>(serverPids);
        observed.add(ProcessHandle.current().pid());
        var result = new LoadRun(plan, (i, timings) -> caller(token, signedUrl, i, timings), observed, out).run();
        result.print(out);
        return result.lostCalls() == 0 ? 0 : 1;
    }

    /**
     * Stream calls against the fake Realtime this process runs: a warm-up run (tags of run 1) if
     * asked, then the measured run (run 2), so a warm-up's late frames are never counted.
     */
    private int stream(String token, String signedUrl) throws InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (number == null) number = STREAM_DEMO_NUMBER;
        var target = new StreamLoadRun.Target(url, signedUrl, token, number);
        var think = Duration.ofMillis(thinkMillis);
        var replyTimeout = Duration.ofSeconds(replyTimeoutSeconds);
        if (realtimeControl != null) {
            out.printf("fake OpenAI Realtime in its own process, driven at %s%n", realtimeControl);
            return stream(ModelSide.remote(java.net.URI.create(realtimeControl)), target, think, replyTimeout);
        }
        MeteredOpenAiRealtime model;
        try {
            model = MeteredOpenAiRealtime.start(realtimePort, think);
        } catch (Exception e) { // Netty throws its BindException unchecked
            err.println("cannot listen on 127.0.0.1:" + realtimePort + " for the fake Realtime (" + e.getMessage() + "): pick another --realtime-port");
            return 2;
        }
        try (model) {
            out.printf("fake OpenAI Realtime at %s (the server's SWITCHBOARD_OPENAI_REALTIME_URL must point here)%n", model.url());
            return stream(ModelSide.inProcess(model), target, think, replyTimeout);
        }
    }

    private int stream(ModelSide model, StreamLoadRun.Target target, Duration think, Duration replyTimeout) throws InterruptedException {
        var out = spec.commandLine().getOut();
        if (warmupCalls > 0) {
            out.printf("warm-up: %d stream calls for %d s…%n", warmupCalls, warmupSeconds);
            var warmup = new LoadPlan(warmupCalls, ramp, think, Duration.ofSeconds(warmupSeconds), replyTimeout, LoadPlan.NEUTRAL_LINES);
            new StreamLoadRun(1, warmup, target, model, List.of(), out).run();
        }
        var plan = new LoadPlan(calls, ramp, think, Duration.ofSeconds(holdSeconds), replyTimeout, LoadPlan.NEUTRAL_LINES);
        out.printf("load: %d stream calls at %.0f/s against %s (%s)…%n", calls, ramp, url, number);
        var result = new StreamLoadRun(2, plan, target, model, serverPids, out).run();
        result.print(out);
        return result.lostCalls() == 0 && result.lostFrames() == 0 ? 0 : 1;
    }

    private VirtualCaller caller(String token, String signedUrl, int index, dev.switchboard.testkit.load.CallTimings timings) {
        return VirtualCaller.builder(url).publicUrl(signedUrl).authToken(token).to(number)
                .from(String.format("+3361%07d", index)).replyTimeout(Duration.ofSeconds(replyTimeoutSeconds)).listener(timings).build();
    }
}
