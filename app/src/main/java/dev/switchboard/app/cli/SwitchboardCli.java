package dev.switchboard.app.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.function.Function;
import picocli.CommandLine;

/** Entry point of the command-line tools ({@code simulate}); returns the process exit code. */
public final class SwitchboardCli {
    private SwitchboardCli() {}

    /** Whether {@code args} ask for a CLI command rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && "simulate".equals(args[0]);
    }

    /** Runs {@code args} (starting with the command name) with the process's environment and consoles. */
    public static int run(String[] args) {
        // A system property (-DTWILIO_AUTH_TOKEN=…) wins over the environment, as for the server.
        Function<String, String> env = name -> System.getProperty(name, System.getenv(name));
        var stdin = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        var out = new PrintWriter(System.out, true);
        var err = new PrintWriter(System.err, true);
        return commandLine(env, stdin, System.console() == null, out, err).execute(Arrays.copyOfRange(args, 1, args.length));
    }

    static int run(String[] args, Function<String, String> env, BufferedReader stdin, PrintWriter out, PrintWriter err) {
        return commandLine(env, stdin, false, out, err).execute(Arrays.copyOfRange(args, 1, args.length));
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
