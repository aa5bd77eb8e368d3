package dev.switchboard.app;

import dev.switchboard.app.bootstrap.SecondStart;
import dev.switchboard.app.bootstrap.TerminationSignals;
import dev.switchboard.app.cli.SwitchboardCli;
import io.micronaut.runtime.Micronaut;

/** Starts the Switchboard server, or runs a command-line tool ({@code simulate}) instead. */
public final class Switchboard {
    private Switchboard() {}

    public static void main(String[] args) {
        if (SwitchboardCli.handles(args)) System.exit(SwitchboardCli.run(args));
        var refusal = SecondStart.refusal();
        if (refusal.isPresent()) {
            System.err.println(refusal.get());
            System.exit(1);
        }
        var context = Micronaut.build(args).mainClass(Switchboard.class).banner(false).start();
        TerminationSignals.install(context);
    }
}
