package dev.switchboard.app.cli;

import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.load.LoadPlan;
import dev.switchboard.testkit.load.LoadRun;
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
        description = {"Places many simulated relay calls against a running Switchboard server, as Twilio would (signed",
                "webhooks, ConversationRelay WebSockets, status callbacks), and reports webhook, handshake, first- and",
                "last-token latencies, calls lost and, with --server-pid, the server's CPU and memory per call.",
                "Point it at a number whose assistant runs the offline model to measure the platform, not a provider."},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:no call lost", "1:calls were lost (see the report)", "2:bad arguments"})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:${env:PORT:-8080}", description = "Where the server listens (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--public-url", description = "The public URL the server validates signatures against"
            + " (default: $SWITCHBOARD_PUBLIC_URL, else --url).")
    String publicUrl;

    @Option(names = "--number", defaultValue = "+15005550006", description = "The number called (default: ${DEFAULT-VALUE}, the demo number).")
    String number;

    @Option(names = "--auth-token", description = "The Twilio auth token to sign with (default: as for simulate).")
    String authToken;

    @Option(names = "--calls", defaultValue = "100", description = "Calls live at the plateau (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--ramp", defaultValue = "25", description = "New calls per second until all are live (default: ${DEFAULT-VALUE}).")
    double ramp;

    @Option(names = "--think", defaultValue = "3000", paramLabel = "MS", description = "Each caller says a line every MS ms (default: ${DEFAULT-VALUE}).")
    long thinkMillis;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "S",
            description = "Seconds every call stays live once the last has started (default: ${DEFAULT-VALUE}).")
    long holdSeconds;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
            description = "First run N calls for 10 s, unreported, to warm the server's JIT and pools (default: none).")
    int warmupCalls;

    @Option(names = "--reply-timeout", defaultValue = "30", paramLabel = "S",
            description = "A turn without its last token within S seconds is a lost call (default: ${DEFAULT-VALUE}).")
    long replyTimeoutSeconds;

    @Option(names = "--server-pid", paramLabel = "PID", description = "A process to observe (the server's JVM; PostgreSQL's postmaster,"
            + " counted with its children); repeatable.")
    List<Long> serverPids = new ArrayList<>();

    @Option(names = "--runtime", defaultValue = "relay", description = "The runtime the number's assistant uses: relay (default).")
    String runtime;

    private final Function<String, String> env;

    LoadCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!runtime.equals("relay")) {
            err.println("--runtime " + runtime + ": only relay calls can be load-tested from here yet");
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
        var lines = LoadPlan.NEUTRAL_LINES;
        var replyTimeout = Duration.ofSeconds(replyTimeoutSeconds);
        if (warmupCalls > 0) {
            out.printf("warm-up: %d calls for 10 s…%n", warmupCalls);
            var warmup = new LoadPlan(warmupCalls, ramp, Duration.ofMillis(thinkMillis), Duration.ofSeconds(10), replyTimeout, lines);
            new LoadRun(warmup, (i, timings) -> caller(token, signedUrl, i, timings), List.of(), out).run();
        }
        var plan = new LoadPlan(calls, ramp, Duration.ofMillis(thinkMillis), Duration.ofSeconds(holdSeconds), replyTimeout, lines);
        out.printf("load: %d calls at %.0f/s against %s (%s)…%n", calls, ramp, url, number);
        var result = new LoadRun(plan, (i, timings) -> caller(token, signedUrl, i, timings), serverPids, out).run();
        result.print(out);
        return result.lostCalls() == 0 ? 0 : 1;
    }

    private VirtualCaller caller(String token, String signedUrl, int index, dev.switchboard.testkit.load.CallTimings timings) {
        return VirtualCaller.builder(url).publicUrl(signedUrl).authToken(token).to(number)
                .from(String.format("+3361%07d", index)).replyTimeout(Duration.ofSeconds(replyTimeoutSeconds)).listener(timings).build();
    }
}
