package dev.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./switchboard --help} once started a server (and, beside a running one, stopped that
 * one's PostgreSQL). Help and unknown commands are answered here, before anything starts.
 */
class SwitchboardCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SwitchboardCli.run(args, Map.<String, String>of()::get, new BufferedReader(new StringReader("")),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void help_prints_usage_and_starts_nothing() {
        for (var help : new String[] {"--help", "-h", "help"}) {
            assertThat(SwitchboardCli.handles(new String[] {help})).as(help).isTrue();
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).isEqualTo(SwitchboardCli.USAGE).startsWith("Usage: ./switchboard [command]");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void an_unknown_command_is_refused_with_the_usage() {
        assertThat(SwitchboardCli.handles(new String[] {"strat"})).isTrue();
        assertThat(run("strat")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("Unknown command: strat" + System.lineSeparator() + SwitchboardCli.USAGE);
    }

    @Test
    void no_arguments_or_server_options_start_the_server() {
        assertThat(SwitchboardCli.handles(new String[0])).isFalse();
        assertThat(SwitchboardCli.handles(new String[] {"-Dmicronaut.server.port=9000"})).isFalse();
        assertThat(SwitchboardCli.handles(new String[] {"--micronaut.server.port=9000"})).isFalse();
    }
}
