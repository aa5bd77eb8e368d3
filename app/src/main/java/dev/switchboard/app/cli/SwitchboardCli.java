package dev.switchboard.app.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.function.Function;
import dev.switchboard.app.bootstrap.MasterKeyRotation;
import picocli.CommandLine;

/** Entry point of the command-line tools ({@code simulate}, {@code --help}); returns the process exit code. */
public final class SwitchboardCli {
    static final String USAGE = """
            Usage: ./switchboard [command]

              (no command)         start the server; embedded PostgreSQL in $SWITCHBOARD_DATA_DIR (default
                                   ~/.switchboard) unless DATABASE_URL is set. Refuses if a Switchboard
                                   already runs on that data directory.
              simulate [options]   place a simulated phone call to a running server (simulate --help)
              load [options]       many simulated calls against a running server, measured (load --help)
              doctor [--fix]       check a running server's setup, each result with its fix (doctor --help)
              fake-twilio          run a fake Twilio REST API whose customers answer outbound calls and
                                   receive texts, for trying them without Twilio (fake-twilio --help)
              rotate-master-key    seal every stored secret again with a new master key (server stopped;
                                   SWITCHBOARD_NEW_MASTER_KEY, generated for a development data directory)
              --help, -h, help     print this and exit

            Settings are environment variables (PORT, SWITCHBOARD_BIND, SWITCHBOARD_DATA_DIR, DATABASE_URL,
            SWITCHBOARD_MASTER_KEY, TWILIO_AUTH_TOKEN, ...): see README.md, "Configuration".
            """;
    private static final java.util.Set<String> HELP = java.util.Set.of("--help", "-h", "help", "-help", "-?");

    private SwitchboardCli() {}

    /**
     * Whether {@code args} ask for a CLI command (or for help, or name something unknown) rather
     * than the server: then nothing else may start. Options ({@code -Dx=y}, {@code --micronaut.…})
     * still go to the server.
     */
    public static boolean handles(String[] args) {
        if (args.length == 0) return false;
        return !args[0].startsWith("-") || HELP.contains(args[0]);
    }

    /** Runs {@code args} (starting with the command name) with the process's environment and consoles. */
    public static int run(String[] args) {
        if ("rotate-master-key".equals(args[0]) && args.length == 1)
            return MasterKeyRotation.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if ("load".equals(args[0])) return load(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if ("fake-twilio".equals(args[0])) return fakeTwilio(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if ("doctor".equals(args[0])) return doctor(args, name -> System.getProperty(name, System.getenv(name)),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (!"simulate".equals(args[0])) return usage(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // A system property (-DTWILIO_AUTH_TOKEN=…) wins over the environment, as for the server.
        Function<String, String> env = name -> System.getProperty(name, System.getenv(name));
        var stdin = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        var out = new PrintWriter(System.out, true);
        var err = new PrintWriter(System.err, true);
        return commandLine(env, stdin, System.console() == null, out, err).execute(Arrays.copyOfRange(args, 1, args.length));
    }

    /** As {@link #run(String[])}, with the environment and consoles given (tests, embedding). */
    public static int run(String[] args, Function<String, String> env, BufferedReader stdin, PrintWriter out, PrintWriter err) {
        if ("load".equals(args[0])) return load(args, env, out, err);
        if ("fake-twilio".equals(args[0])) return fakeTwilio(args, out, err);
        if ("doctor".equals(args[0])) return doctor(args, env, out, err);
        if (!"simulate".equals(args[0])) return usage(args, out, err);
        return commandLine(env, stdin, false, out, err).execute(Arrays.copyOfRange(args, 1, args.length));
    }

    private static int load(String[] args, PrintWriter out, PrintWriter err) {
        return load(args, name -> System.getProperty(name, System.getenv(name)), out, err);
    }

    static int load(String[] args, Function<String, String> env, PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new LoadCommand(env));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("load failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        });
        return commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
    }

    static int fakeTwilio(String[] args, PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new FakeTwilioCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("fake-twilio failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        });
        return commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
    }

    static int doctor(String[] args, Function<String, String> env, PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new DoctorCommand(env));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("doctor failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        });
        return commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
    }

    /** {@code --help}: usage on stdout, exit 0; an unknown command: its name and usage on stderr, exit 2. */
    static int usage(String[] args, PrintWriter out, PrintWriter err) {
        if (HELP.contains(args[0])) {
            out.print(USAGE);
            out.flush();
            return 0;
        }
        err.println("Unknown command: " + args[0]);
        err.print(USAGE);
        err.flush();
        return 2;
    }

    static CommandLine commandLine(Function<String, String> env, BufferedReader stdin, boolean echoInput, PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new SimulateCommand(env, stdin, echoInput));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("simulate failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        });
        return commandLine;
    }
}
