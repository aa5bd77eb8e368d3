package dev.switchboard.app.cli;

import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.LiveCall;
import dev.switchboard.testkit.caller.VirtualCaller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code switchboard simulate}: one phone call to a running server through the virtual caller,
 * exactly as Twilio would place it, printed as a transcript.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Places a simulated phone call to a running Switchboard server, as Twilio would (signed webhooks,",
                "ConversationRelay WebSocket), and prints the conversation with each turn's time to first token.",
                "With --stream, a call on the stream runtime (Media Streams) to the demo stream line.",
                "Without --say, --script or --interactive it asks what to say, line by line."},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:the call went through", "1:the call failed (see the message)",
                "2:bad arguments"})
final class SimulateCommand implements Callable<Integer> {
    static final String TOKEN_FILE = "twilio-auth-token";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:${env:PORT:-8080}", description = "Where the server listens (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--public-url", description = "The public URL the server validates signatures against"
            + " (default: $SWITCHBOARD_PUBLIC_URL, else --url).")
    String publicUrl;

    static final String RELAY_NUMBER = "+15005550006";
    static final String STREAM_NUMBER = "+15005550007";
    static final String DEMO_EMAIL = "demo@switchboard.local";

    @Option(names = "--number", description = "The number called (default: the demo line " + RELAY_NUMBER
            + ", with --stream the demo stream line " + STREAM_NUMBER + ").")
    String number;

    @Option(names = "--stream", description = {"A call on the stream runtime: Media Streams socket, 8 kHz μ-law in real time.",
            "The caller hears the agent out, speaks (speech-like audio), then presses 1 as a keypad tone; the transcript",
            "is read from the server afterwards (--api-token, else the demo tenant's login from the data directory)."})
    boolean stream;

    @Option(names = "--api-token", paramLabel = "TOKEN", description = "With --stream: the bearer token to read the call's transcript with"
            + " (default: log in as " + DEMO_EMAIL + " with $SWITCHBOARD_DATA_DIR/demo-password).")
    String apiToken;

    @Option(names = "--from", defaultValue = "+33612345678", description = "The caller's number (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--auth-token", description = "The Twilio auth token to sign with (default: $TWILIO_AUTH_TOKEN, else the"
            + " development token in $SWITCHBOARD_DATA_DIR/" + TOKEN_FILE + ", data directory default ~/.switchboard).")
    String authToken;

    @Option(names = "--account-sid", description = "AccountSid to present (default: $TWILIO_ACCOUNT_SID, else a random AC…).")
    String accountSid;

    @Option(names = "--say", paramLabel = "TEXT", description = "A caller line; repeat for several turns.")
    List<String> says = new ArrayList<>();

    @Option(names = "--script", paramLabel = "FILE", description = "Caller lines, one per line; #0 presses keys.")
    Path script;

    @Option(names = "--interactive", description = "Read the caller's lines from the keyboard (#0 presses keys).")
    boolean interactive;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for the agent (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    private final Function<String, String> env;
    private final BufferedReader stdin;
    private final boolean echoInput;

    /** @param echoInput repeat what is read from {@code stdin} (it is piped, not typed on a terminal) */
    SimulateCommand(Function<String, String> env, BufferedReader stdin, boolean echoInput) {
        this.env = env;
        this.stdin = stdin;
        this.echoInput = echoInput;
    }

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var token = authToken();
        if (token == null) {
            err.println("no auth token: pass --auth-token, set TWILIO_AUTH_TOKEN, or start the server once so that it creates "
                    + dataDirectory().resolve(TOKEN_FILE) + ". " + dataDirectoryHint());
            return 1;
        }
        if (stream) {
            try {
                return new StreamSimulation(caller(token, new ConsoleTranscript(out, true)), url, Duration.ofSeconds(timeoutSeconds),
                        this::readerToken, out, err).run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        var steps = CallScript.builder();
        says.forEach(steps::say);
        if (script != null) ScriptFile.addTo(steps, Files.readAllLines(script));
        var scripted = steps.build();
        boolean keyboard = interactive || scripted.steps().isEmpty();
        var caller = caller(token, new ConsoleTranscript(out, !keyboard));
        try (var call = caller.dial()) {
            call.play(scripted);
            if (keyboard) converse(call, out);
            // A transfer's "end" often follows the agent's last words: give it a moment.
            call.awaitEnd(Duration.ofMillis(1500));
            var result = call.hangUp();
            var verdict = Verdict.of(result, url);
            (verdict.exitCode() == 0 ? out : err).println(verdict.message());
            if (signatureRefused(result) && tokenFromDataDirectory()) err.println("The token was read from "
                    + dataDirectory().resolve(TOKEN_FILE) + ", which may be another server's. " + dataDirectoryHint());
            if (result.voiceWebhook().ok()) link(result.callSid(), verdict.exitCode() == 0 ? out : err);
            return verdict.exitCode();
        }
    }

    /**
     * The server keeps its development token in its data directory, which simulate can only find
     * the way the server does: SWITCHBOARD_DATA_DIR, else ~/.switchboard. A server started with
     * SWITCHBOARD_DATA_DIR in another shell leaves simulate looking in the default, so say so.
     */
    private String dataDirectoryHint() {
        var configured = env.apply("SWITCHBOARD_DATA_DIR");
        return "If the server runs with SWITCHBOARD_DATA_DIR, set the same SWITCHBOARD_DATA_DIR for simulate (it looked in "
                + dataDirectory() + (configured == null || configured.isBlank() ? ", the default" : "") + ").";
    }

    private boolean tokenFromDataDirectory() {
        var fromEnv = env.apply("TWILIO_AUTH_TOKEN");
        return (authToken == null || authToken.isBlank()) && (fromEnv == null || fromEnv.isBlank());
    }

    private static boolean signatureRefused(dev.switchboard.testkit.caller.CallResult result) {
        int webhook = result.voiceWebhook().status();
        int handshake = result.handshakeStatus().orElse(0);
        return webhook == 401 || webhook == 403 || handshake == 401 || handshake == 403;
    }

    /** The API's id of the call and the curl that shows it, when a token to look it up is at hand. */
    private void link(String callSid, PrintWriter to) {
        try {
            CallLink.find(url, readerToken(), callSid).ifPresentOrElse(link -> link.lines().forEach(to::println),
                    () -> to.println("(to see the call in the API: GET " + url.replaceAll("/$", "") + "/api/v1/calls with a token of the number's tenant,"
                            + " or pass --api-token)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The configured virtual caller; package-private so tests can read the resolved settings. */
    VirtualCaller caller(String token, ConsoleTranscript transcript) {
        var builder = VirtualCaller.builder(url).publicUrl(publicUrl()).authToken(token).from(from).to(number())
                .replyTimeout(Duration.ofSeconds(timeoutSeconds)).listener(transcript);
        var sid = accountSid != null ? accountSid : env.apply("TWILIO_ACCOUNT_SID");
        if (sid != null && !sid.isBlank()) builder.accountSid(sid);
        return builder.build();
    }

    String number() {
        return number != null ? number : stream ? STREAM_NUMBER : RELAY_NUMBER;
    }

    /** --api-token, else a login as the demo tenant with the password the server keeps in the data directory; null if neither. */
    String readerToken() {
        if (apiToken != null && !apiToken.isBlank()) return apiToken;
        var file = dataDirectory().resolve("demo-password");
        try {
            return Files.isReadable(file) ? StreamSimulation.login(url, DEMO_EMAIL, Files.readString(file).strip()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    String publicUrl() {
        return new ServerSettings(env).publicUrl(publicUrl, url);
    }

    /** --auth-token, else TWILIO_AUTH_TOKEN, else the server's development token file; null if none. */
    String authToken() throws IOException {
        return new ServerSettings(env).authToken(authToken);
    }

    Path dataDirectory() {
        return new ServerSettings(env).dataDirectory();
    }

    private void converse(LiveCall call, PrintWriter out) throws IOException {
        out.println("(type what the caller says; #0 presses keys; an empty line or Ctrl-D hangs up)");
        while (call.isLive()) {
            out.print("caller: ");
            out.flush();
            var line = stdin.readLine();
            if (echoInput) out.println(line == null ? "" : line);
            if (line == null || line.isBlank()) return;
            try {
                call.play(new CallScript(List.of(ScriptFile.step(line.strip(), 1))));
                // Catch an "end" or a follow-up that comes just after the turn, before asking again.
                call.awaitEnd(Duration.ofMillis(300));
            } catch (IllegalArgumentException e) {
                out.println(e.getMessage().replace("line 1: ", ""));
            }
        }
    }
}
