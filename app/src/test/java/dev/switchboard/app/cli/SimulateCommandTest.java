package dev.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument parsing and settings resolution; no server involved. */
class SimulateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private SimulateCommand parse(Map<String, String> env, String... args) {
        var commandLine = SwitchboardCli.commandLine(env::get, new BufferedReader(new StringReader("")), false, new PrintWriter(out), new PrintWriter(err));
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }

    private int run(Map<String, String> env, String... args) {
        return SwitchboardCli.run(args, env::get, new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void defaults() {
        var command = parse(Map.of());

        assertThat(List.of(command.url, command.number(), command.from, String.valueOf(command.timeoutSeconds)))
                .containsExactly("http://localhost:8080", "+15005550006", "+33612345678", "30");
        assertThat(command.publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(command.says).isEmpty();
        assertThat(command.script).isNull();
        assertThat(command.interactive).isFalse();
    }

    @Test
    void a_stream_call_goes_to_the_demo_stream_line_unless_a_number_is_given() {
        assertThat(parse(Map.of(), "--stream").number()).isEqualTo("+15005550007");
        assertThat(parse(Map.of(), "--stream", "--number", "+15005550010").number()).isEqualTo("+15005550010");
        assertThat(parse(Map.of(), "--stream", "--api-token", "jwt").readerToken()).isEqualTo("jwt");
    }

    @Test
    void every_option() {
        var command = parse(Map.of(), "--url", "http://127.0.0.1:9000", "--public-url", "https://abc.ngrok.app",
                "--number", "+15005550007", "--from", "+14155550100", "--auth-token", "tok", "--account-sid", "AC1",
                "--say", "hello", "--say", "transfer me", "--script", "calls/book.txt", "--interactive", "--timeout", "5");

        assertThat(List.of(command.url, command.publicUrl(), command.number(), command.from, command.authToken, command.accountSid))
                .containsExactly("http://127.0.0.1:9000", "https://abc.ngrok.app", "+15005550007", "+14155550100", "tok", "AC1");
        assertThat(command.says).containsExactly("hello", "transfer me");
        assertThat(command.script).isEqualTo(Path.of("calls/book.txt"));
        assertThat(command.interactive).isTrue();
        assertThat(command.timeoutSeconds).isEqualTo(5);
    }

    @Test
    void the_public_url_defaults_to_the_servers_setting() {
        assertThat(parse(Map.of("SWITCHBOARD_PUBLIC_URL", "https://sb.example.com")).publicUrl()).isEqualTo("https://sb.example.com");
    }

    @Test
    void the_auth_token_comes_from_the_option_then_the_environment_then_the_development_file(@TempDir Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("twilio-auth-token"), "from-file\n");
        var withFile = Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString());
        var withEnv = Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(), "TWILIO_AUTH_TOKEN", "from-env");

        assertThat(parse(withEnv, "--auth-token", "from-option").authToken()).isEqualTo("from-option");
        assertThat(parse(withEnv).authToken()).isEqualTo("from-env");
        assertThat(parse(withFile).authToken()).isEqualTo("from-file");
        assertThat(parse(Map.of("SWITCHBOARD_DATA_DIR", dataDir.resolve("empty").toString())).authToken()).isNull();
    }

    @Test
    void without_a_token_it_says_where_one_comes_from(@TempDir Path dataDir) {
        int code = run(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString()), "simulate", "--say", "hi");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("no auth token: pass --auth-token, set TWILIO_AUTH_TOKEN, or start the server once")
                .contains(dataDir.resolve("twilio-auth-token").toString());
        assertThat(err.toString()).contains("If the server runs with SWITCHBOARD_DATA_DIR, set the same SWITCHBOARD_DATA_DIR for simulate");
    }

    @Test
    void a_token_from_another_data_directory_refused_by_the_server_names_switchboard_data_dir(@TempDir Path dataDir) throws IOException {
        // A server started with SWITCHBOARD_DATA_DIR elsewhere: it refuses the signature made with this directory's token.
        Files.writeString(dataDir.resolve("twilio-auth-token"), "some-other-servers-token\n");
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });
        server.start();
        try {
            int code = run(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString()), "simulate",
                    "--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--say", "hi");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("refused the call's signature")
                    .contains("The token was read from " + dataDir.resolve("twilio-auth-token"))
                    .contains("If the server runs with SWITCHBOARD_DATA_DIR, set the same SWITCHBOARD_DATA_DIR for simulate");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void an_unreachable_server_is_a_clear_failure() throws IOException {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int code = run(Map.of(), "simulate", "--url", "http://127.0.0.1:" + port, "--auth-token", "t", "--say", "hi");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("cannot reach the server at http://127.0.0.1:" + port).contains("./switchboard");
    }

    @Test
    void bad_arguments_exit_with_2() {
        assertThat(run(Map.of(), "simulate", "--timeout", "soon")).isEqualTo(2);
        assertThat(run(Map.of(), "simulate", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option");
    }

    @Test
    void a_bad_script_line_is_reported(@TempDir Path dir) throws IOException {
        var script = Files.writeString(dir.resolve("call.txt"), "hello\n#zero\n");

        assertThat(run(Map.of(), "simulate", "--auth-token", "t", "--script", script.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 2: \"#zero\" is not a key press");
    }

    @Test
    void only_simulate_is_a_cli_command() {
        assertThat(SwitchboardCli.handles(new String[] {"simulate", "--say", "hi"})).isTrue();
        assertThat(SwitchboardCli.handles(new String[] {})).isFalse();
        assertThat(SwitchboardCli.handles(new String[] {"-Dmicronaut.server.port=9000"})).isFalse();
    }
}
