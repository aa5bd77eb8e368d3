package dev.switchboard.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard doctor}: asks the running server for its diagnosis of a tenant
 * ({@code GET /api/v1/diagnostics}, or {@code POST /api/v1/diagnostics/repair} with {@code --fix})
 * and prints each check with its result and its fix.
 *
 * <p>The checks run in the server, not in this process: only the running server can say whether
 * the public URL reaches <em>it</em>, which credentials and database <em>it</em> uses; a second
 * process could not even open the embedded database the server holds. A server that does not
 * answer is itself the diagnosis (field report 004: "the backend is not running").
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks what makes calls fail silently: the public URL over https and wss, each number's webhooks at",
                "Twilio (--fix repairs them), Twilio/Vapi/Anthropic/OpenAI/Google credentials, Vapi drift, the database",
                "and its migrations, the clock. Prints each result with its fix."},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:nothing failed (warnings allowed)", "1:something is wrong (see the report)",
                "2:bad arguments"})
final class DoctorCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEMO_EMAIL = "demo@switchboard.local";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:${env:PORT:-8080}", description = "Where the server listens (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", description = "An access token of the tenant to examine (default: $SWITCHBOARD_TOKEN, else log in).")
    String token;

    @Option(names = "--email", description = "Log in as this user (default: $SWITCHBOARD_EMAIL, else the demo tenant's owner).")
    String email;

    @Option(names = "--fix", description = "Repair what can be repaired: point numbers whose webhooks drifted back at us.")
    boolean fix;

    private final Function<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DoctorCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        var base = url.replaceAll("/+$", "");
        try {
            return examine(out, base);
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            out.printf("%-7s %-28s %s%n", "FAIL", "server", "nothing answers at " + base);
            out.printf("%-7s %-28s fix: %s%n", "", "", "start it with ./switchboard (or pass --url where it runs)");
            return 1;
        }
    }

    private int examine(PrintWriter out, String base) throws IOException, InterruptedException {
        var bearer = bearer(base);
        if (bearer == null) {
            spec.commandLine().getErr().println("doctor: no access token: pass --token (or SWITCHBOARD_TOKEN), or --email with SWITCHBOARD_PASSWORD");
            return 2;
        }
        var request = HttpRequest.newBuilder(URI.create(base + (fix ? "/api/v1/diagnostics/repair" : "/api/v1/diagnostics")))
                .timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + bearer);
        var response = http.send((fix ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            spec.commandLine().getErr().println("doctor: the server answered HTTP " + response.statusCode() + ": " + response.body());
            return 1;
        }
        var diagnosis = JSON.readTree(response.body());
        print(out, diagnosis);
        return diagnosis.path("healthy").asBoolean(false) ? 0 : 1;
    }

    private static void print(PrintWriter out, JsonNode diagnosis) {
        for (var finding : diagnosis.path("findings")) {
            out.printf("%-7s %-28s %s%n", finding.path("status").asText().toUpperCase(java.util.Locale.ROOT),
                    finding.path("check").asText(), finding.path("detail").asText());
            var fix = finding.path("fix");
            if (!fix.isMissingNode() && !fix.isNull() && !fix.asText().isBlank()) out.printf("%-7s %-28s fix: %s%n", "", "", fix.asText());
        }
        out.println(diagnosis.path("healthy").asBoolean(false) ? "Healthy: nothing failed." : "Something is wrong: see the FAIL lines and their fixes.");
    }

    /** --token, SWITCHBOARD_TOKEN, or a login (--email / SWITCHBOARD_EMAIL with SWITCHBOARD_PASSWORD; else the demo owner's password file). */
    private String bearer(String base) throws IOException, InterruptedException {
        if (token != null && !token.isBlank()) return token.strip();
        var fromEnv = env.apply("SWITCHBOARD_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv.strip();
        var user = email != null ? email : env.apply("SWITCHBOARD_EMAIL");
        var password = env.apply("SWITCHBOARD_PASSWORD");
        if (user == null || user.isBlank()) {
            var demoPassword = new ServerSettings(env).dataDirectory().resolve("demo-password");
            if (!Files.isReadable(demoPassword)) return null;
            user = DEMO_EMAIL;
            password = Files.readString(demoPassword).strip();
        }
        if (password == null) return null;
        var login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", user, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) throw new IOException("login as " + user + " refused (HTTP " + login.statusCode() + ")");
        return JSON.readTree(login.body()).path("access_token").asText(null);
    }
}
