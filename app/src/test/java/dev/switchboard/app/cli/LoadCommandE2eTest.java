package dev.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code switchboard load} against a real server: every call it places is a whole call on the
 * server's records, and its report counts what the callers saw (in stream mode, every tagged frame
 * both ways through a fake Realtime the command runs itself). Figures are printed, never asserted.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadCommandE2eTest implements TestPropertyProvider {
    private static final String PUBLIC_URL = "https://switchboard.test";
    private static final String TOKEN = "load-command-auth-token";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    /** The load command runs its fake Realtime on this port; the server is configured with it before it starts. */
    private static final int REALTIME_PORT = freePort();

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", PUBLIC_URL, "switchboard.twilio.auth-token", TOKEN,
                "switchboard.openai.realtime-url", "ws://127.0.0.1:" + REALTIME_PORT + "/v1/realtime");
    }

    @Test
    @SuppressWarnings("unchecked")
    void three_calls_each_speaking_leave_three_completed_calls_and_a_report_with_no_call_lost() {
        var owner = new Api(server, json).newTenant("Load test");
        var number = relayNumber(owner);
        var out = new StringWriter();

        int code = load(out, "--number", number, "--calls", "3", "--ramp", "20", "--think", "200", "--duration", "1");

        assertThat(out.toString()).contains("3 completed, 0 lost", "| calls |").containsPattern("prompt → first token .*\\(n=([3-9]|\\d\\d+)\\)");
        assertThat(code).as(out.toString()).isZero();
        var calls = (List<Map<String, Object>>) owner.get("/api/v1/calls").json().get("items");
        assertThat(calls).hasSize(3).allSatisfy(call -> assertThat(call.get("status")).isEqualTo("completed"));
        // Transcripts are written by the batching writer, after the turn.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(calls).allSatisfy(call -> assertThat(
                (List<Map<String, Object>>) owner.get("/api/v1/calls/" + call.get("id")).json().get("transcript"))
                .extracting(m -> m.get("speaker")).contains("caller", "agent")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_warm_up_of_the_asked_length_runs_first_and_stays_out_of_the_report() {
        var owner = new Api(server, json).newTenant("Warm-up test");
        var number = relayNumber(owner);
        var out = new StringWriter();

        int code = load(out, "--number", number, "--calls", "3", "--ramp", "20", "--think", "200", "--duration", "1",
                "--warmup", "2", "--warmup-seconds", "1");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("warm-up: 2 calls for 1 s", "3 completed, 0 lost").contains("webhook → TwiML").containsPattern("\\(n=3\\)");
        assertThat((List<Map<String, Object>>) owner.get("/api/v1/calls").json().get("items")).hasSize(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void with_a_call_length_callers_hang_up_and_dial_again_keeping_the_run_going() {
        var owner = new Api(server, json).newTenant("Churn test");
        var number = relayNumber(owner);
        var out = new StringWriter();

        int code = load(out, "--number", number, "--calls", "2", "--ramp", "20", "--think", "200", "--duration", "4",
                "--call-length", "1");

        assertThat(code).as(out.toString()).isZero();
        var report = java.util.regex.Pattern.compile("(\\d+) completed, 0 lost").matcher(out.toString());
        assertThat(report.find()).as(out.toString()).isTrue();
        int completed = Integer.parseInt(report.group(1));
        assertThat(completed).as("each of the 2 lines placed several calls").isGreaterThan(2);
        var calls = (List<Map<String, Object>>) owner.get("/api/v1/calls?limit=100").json().get("items");
        assertThat(calls).hasSize(completed).allSatisfy(call -> assertThat(call.get("status")).isEqualTo("completed"));
    }

    private static String relayNumber(Api owner) {
        var assistant = owner.post("/api/v1/assistants", Map.of("name", "Accueil", "systemPrompt", "Answer briefly.", "language", "en-US",
                "model", Map.of("provider", "offline", "model", "demo-brain"))).json();
        var number = Fixtures.randomE164();
        owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", assistant.get("id")));
        return number;
    }

    private int load(StringWriter out, String... options) {
        var args = new java.util.ArrayList<>(List.of("load", "--url", server.getURL().toString(), "--public-url", PUBLIC_URL,
                "--auth-token", TOKEN, "--server-pid", String.valueOf(ProcessHandle.current().pid())));
        args.addAll(List.of(options));
        var err = new StringWriter();
        int code = SwitchboardCli.run(args.toArray(String[]::new), Map.<String, String>of()::get, new BufferedReader(new StringReader("")),
                new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.println(out);
        out.append(err.toString());
        return code;
    }

    @Test
    void three_stream_calls_carry_every_tagged_frame_both_ways_and_complete() {
        threeStreamCalls("Stream load test");
    }

    /**
     * The fake Realtime in a process of its own ({@code FakeRealtimeMain}, as bench/stream-curve.sh
     * runs it; here on its own port in this JVM, reached only through its control requests): the
     * load client reads the fake's half of every call over HTTP, and the counts are as whole as
     * with the fake in the load client.
     */
    @Test
    void with_the_fake_realtime_driven_from_outside_every_tagged_frame_is_counted_both_ways() {
        try (var model = dev.switchboard.testkit.realtime.MeteredOpenAiRealtime.start(REALTIME_PORT, Duration.ofMillis(500))) {
            dev.switchboard.testkit.load.FakeRealtimeMain.serve(model);
            threeStreamCalls("Remote model load test", "--realtime-control", "http://127.0.0.1:" + REALTIME_PORT);
            assertThat(model.openSessions()).isZero();
        }
    }

    @SuppressWarnings("unchecked")
    private void threeStreamCalls(String tenantName, String... more) {
        var owner = new Api(server, json).newTenant(tenantName);
        // The tenant's own key: the fake Realtime takes any key, the server needs one to choose OpenAI over the offline voice.
        assertThat(owner.put("/api/v1/connections/openai", Map.of("apiKey", "sk-load-test")).status()).isEqualTo(200);
        var assistant = new HashMap<String, Object>();
        assistant.put("name", "Front desk");
        assistant.put("systemPrompt", "Answer briefly.");
        assistant.put("language", "en-US");
        assistant.put("runtime", "stream");
        assistant.put("model", Map.of("provider", "openai", "model", "gpt-realtime"));
        assistant.put("voice", Map.of("provider", "openai", "voiceId", "marin"));
        var created = owner.post("/api/v1/assistants", assistant);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        var number = Fixtures.randomE164();
        owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", created.json().get("id")));
        var out = new StringWriter();
        var err = new StringWriter();

        var args = new java.util.ArrayList<>(List.of("load", "--runtime", "stream", "--url", server.getURL().toString(), "--public-url", PUBLIC_URL,
                        "--auth-token", TOKEN, "--number", number, "--calls", "3", "--ramp", "20", "--think", "500", "--duration", "4",
                        "--realtime-port", String.valueOf(REALTIME_PORT), "--server-pid", String.valueOf(ProcessHandle.current().pid())));
        args.addAll(List.of(more));
        int code = SwitchboardCli.run(args.toArray(String[]::new),
                Map.<String, String>of()::get, new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(err, true));

        System.out.println(out);
        assertThat(code).as(out + "\n" + err).isZero();
        var report = out.toString();
        assertThat(report).contains("3 completed, 0 lost").containsPattern("start → model session .*\\(n=3\\)");
        // Counts, never times: every frame sent either way was received, none lost, none out of order.
        for (var direction : List.of("caller → model", "model → caller")) {
            var counts = Pattern.compile(Pattern.quote(direction) + " +frames sent ([\\d,]+), received ([\\d,]+), lost 0, out of order 0, duplicated 0")
                    .matcher(report);
            assertThat(counts.find()).as(direction + " in\n" + report).isTrue();
            assertThat(counts.group(1)).isEqualTo(counts.group(2));
            assertThat(Integer.parseInt(counts.group(1).replace(",", ""))).as(direction + " frames").isPositive();
            // The delays once more, of the frames sent in the steady state only (every call up, none being placed or hung up).
            var delays = Pattern.compile(Pattern.quote(direction) + "[^\\n]*\\n +forwarding delay .*\\(n=([\\d,]+)\\)\\n +steady \\(no ramp\\) .*\\(n=([\\d,]+)\\)")
                    .matcher(report);
            assertThat(delays.find()).as(direction + " delays in\n" + report).isTrue();
            int all = Integer.parseInt(delays.group(1).replace(",", "")), steady = Integer.parseInt(delays.group(2).replace(",", ""));
            assertThat(steady).as(direction + " steady delays").isLessThan(all);
            if (direction.startsWith("caller")) assertThat(steady).as("caller frames in the steady state").isPositive();
        }
        var calls = (List<Map<String, Object>>) owner.get("/api/v1/calls").json().get("items");
        assertThat(calls).hasSize(3).allSatisfy(call -> assertThat(call.get("status")).isEqualTo("completed"));
    }

    @Test
    void another_runtime_is_refused_plainly() {
        var err = new StringWriter();

        int code = SwitchboardCli.run(new String[] {"load", "--runtime", "vapi", "--auth-token", "t"}, Map.<String, String>of()::get,
                new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("only relay and stream calls");
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
