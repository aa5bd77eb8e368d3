package dev.switchboard.app.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.app.cli.SwitchboardCli;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ./switchboard doctor} against a running server whose public URL really reaches it (plain
 * http on loopback: a warning, not a failure), with Twilio and Anthropic played by the testkit's
 * fakes: a healthy tenant, a number someone repointed in Twilio's console (repaired by
 * {@code --fix}), a refused key.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorE2eTest implements TestPropertyProvider {
    private static final String PLATFORM_TOKEN = "doctor-platform-token";
    private static final String SCRAPE_TOKEN = "doctor-scrape-token";
    private final FakeTwilioRest twilio = FakeTwilioRest.start();
    private final FakeAnthropicServer anthropic = FakeAnthropicServer.start();
    private final int port = freePort();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private Api owner;
    private String e164;
    private String numberSid;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.server.port", String.valueOf(port), "switchboard.public-url", "http://localhost:" + port,
                "switchboard.twilio.api-url", twilio.baseUrl(), "switchboard.twilio.auth-token", PLATFORM_TOKEN,
                "switchboard.llm.anthropic.base-url", anthropic.baseUrl(), "switchboard.metrics.token", SCRAPE_TOKEN);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tenant with its own Twilio account holding one imported number, answered by an Anthropic assistant with the tenant's key. */
    @BeforeEach
    void a_tenant_whose_setup_works() {
        twilio.clear();
        anthropic.reset();
        var accountSid = "AC" + UUID.randomUUID().toString().replace("-", "");
        twilio.addAccount(accountSid, "token-" + accountSid);
        e164 = Fixtures.randomE164();
        numberSid = twilio.addNumber(accountSid, e164);
        owner = new Api(server, json).newTenant("Doctor's salon");
        assertThat(owner.put("/api/v1/connections/twilio", Map.of("accountSid", accountSid, "authToken", "token-" + accountSid)).status()).isEqualTo(200);
        assertThat(owner.put("/api/v1/connections/anthropic", Map.of("apiKey", "sk-ant-right")).status()).isEqualTo(200);
        var assistant = owner.post("/api/v1/assistants", Map.of("name", "Reception", "systemPrompt", "Answer briefly.", "language", "en-US",
                "model", Map.of("provider", "anthropic", "model", "claude-test"))).json();
        assertThat(owner.post("/api/v1/phone-numbers/import", Map.of("number", e164, "assistantId", assistant.get("id"))).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        twilio.close();
        anthropic.close();
    }

    private record Run(int exit, List<String> lines, String err) {
        /** The line of one check, e.g. {@code "OK     credentials.twilio ..."}. */
        String line(String check) {
            return lines.stream().filter(l -> l.length() > 8 && l.substring(8).startsWith(check + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + check + " in\n" + String.join("\n", lines)));
        }

        /** The fix printed under a check's line. */
        String fixOf(String check) {
            var at = lines.indexOf(line(check));
            return at + 1 < lines.size() && lines.get(at + 1).strip().startsWith("fix:") ? lines.get(at + 1).strip() : "";
        }
    }

    private Run doctor(String... options) {
        var args = new ArrayList<>(List.of("doctor", "--url", server.getURL().toString(), "--token", owner.token()));
        args.addAll(List.of(options));
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = SwitchboardCli.run(args.toArray(String[]::new), name -> null, new BufferedReader(new StringReader("")),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString().lines().toList(), err.toString());
    }

    @Test
    void a_working_setup_is_healthy_and_each_check_says_so() throws Exception {
        var run = doctor();

        assertThat(run.exit()).as(String.join("\n", run.lines()) + run.err()).isZero();
        assertThat(run.line("public-url.https")).startsWith("WARN").contains("loopback");
        assertThat(run.fixOf("public-url.https")).contains("SWITCHBOARD_PUBLIC_URL");
        assertThat(run.line("public-url.webhook")).startsWith("OK").contains("signatures are checked against");
        assertThat(run.line("public-url.websocket")).startsWith("OK").contains("socket guard");
        assertThat(run.line("database")).startsWith("OK").contains("PostgreSQL");
        assertThat(run.line("database.migrations")).startsWith("OK").contains("current");
        assertThat(run.line("clock")).startsWith("OK");
        assertThat(run.line("number " + e164)).startsWith("OK").contains("calls, status callbacks and texts to us");
        assertThat(run.line("credentials.twilio")).startsWith("OK").contains("the tenant's Twilio connection");
        assertThat(run.line("credentials.anthropic")).startsWith("OK").contains("the tenant's key");
        assertThat(run.line("credentials.vapi")).startsWith("SKIPPED");
        assertThat(run.lines()).last().asString().startsWith("Healthy");
        assertThat(anthropic.requests()).as("the key check is not a scripted (billed) request").isEmpty();

        var api = owner.get("/api/v1/diagnostics");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.json()).containsEntry("healthy", true);
        @SuppressWarnings("unchecked")
        var findings = (List<Map<String, Object>>) api.json().get("findings");
        assertThat(findings).contains(Map.of("check", "number " + e164, "status", "ok", "detail", "Twilio sends its calls, status callbacks and texts to us"));

        // The doctor's Twilio requests are timed like every other REST request.
        var scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus"))
                .header("Authorization", "Bearer " + SCRAPE_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).containsPattern("switchboard_rest_requests_seconds_count\\{[^}]*operation=\"findNumberBySid\"[^}]*provider=\"twilio\"[^}]*\\} [1-9]");
        assertThat(scrape).containsPattern("switchboard_rest_requests_seconds_count\\{[^}]*operation=\"verifyCredentials\"[^}]*\\} [1-9]");
    }

    @Test
    void a_number_repointed_in_twilios_console_fails_and_fix_points_it_back() {
        twilio.editNumber(numberSid, "voice_url", "https://old-tunnel.example/twiml");

        var broken = doctor();
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.line("number " + e164)).startsWith("FAIL")
                .contains("VoiceUrl is https://old-tunnel.example/twiml, not http://localhost:" + port + "/webhooks/twilio/voice");
        assertThat(broken.fixOf("number " + e164)).contains("./switchboard doctor --fix");
        assertThat(broken.lines()).last().asString().startsWith("Something is wrong");

        var fixed = doctor("--fix");
        assertThat(fixed.exit()).as(String.join("\n", fixed.lines())).isZero();
        assertThat(fixed.line("number " + e164)).startsWith("FIXED").contains("was: VoiceUrl is https://old-tunnel.example/twiml");
        assertThat(twilio.number(numberSid).path("voice_url").asText()).isEqualTo("http://localhost:" + port + "/webhooks/twilio/voice");

        var after = doctor();
        assertThat(after.exit()).isZero();
        assertThat(after.line("number " + e164)).startsWith("OK");
    }

    @Test
    void a_refused_model_key_fails_with_its_fix() {
        anthropic.requireApiKey("sk-ant-the-real-one");

        var run = doctor();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.line("credentials.anthropic")).startsWith("FAIL").contains("anthropic refused the tenant's key (HTTP 401)");
        assertThat(run.fixOf("credentials.anthropic")).contains("PUT /api/v1/connections/anthropic");
        assertThat(run.line("credentials.twilio")).startsWith("OK");
    }

    @Test
    void a_server_that_does_not_answer_is_the_diagnosis() throws IOException {
        var out = new StringWriter();
        int exit = SwitchboardCli.run(new String[] {"doctor", "--url", "http://127.0.0.1:" + freePort(), "--token", "any"}, name -> null,
                new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).containsPattern("FAIL +server +nothing answers at http://127\\.0\\.0\\.1:\\d+").contains("fix: start it with ./switchboard");
    }
}
