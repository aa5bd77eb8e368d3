package dev.switchboard.app.load;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.VirtualCaller;
import dev.switchboard.testkit.llm.AnthropicStream;
import dev.switchboard.testkit.llm.FakeAnthropicServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load harness for the relay runtime: N virtual callers at once against one in-process server
 * (embedded PostgreSQL), each saying three lines; reports time from the final {@code prompt} to
 * the first {@code text} token, p50/p99, for the offline model and for a fake Claude with a fixed
 * 200 ms time to first byte. A measurement, not a test:
 * {@code ./mvnw -B -q -pl app test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.switchboard.app.load.RelayLoadHarness -Dexec.args="1 100 500"}
 */
public final class RelayLoadHarness {
    private static final String TOKEN = "load-test-auth-token";
    private static final String PUBLIC_URL = "https://switchboard.test";
    private static final Duration FAKE_LATENCY = Duration.ofMillis(200);
    private static final List<String> LINES = List.of("Bonjour", "Quels sont vos horaires ?", "Merci, au revoir");

    private RelayLoadHarness() {}

    public static void main(String[] args) throws Exception {
        var levels = args.length == 0 ? List.of(1, 100, 500) : java.util.Arrays.stream(args).map(Integer::valueOf).toList();
        try (var claude = FakeAnthropicServer.start();
             var server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                     "switchboard.public-url", PUBLIC_URL, "switchboard.twilio.auth-token", TOKEN,
                     "switchboard.llm.anthropic.base-url", claude.baseUrl(), "switchboard.llm.anthropic.api-key", "sk-load",
                     "switchboard.embedded-postgres.work-dir", "target/embedded-postgres", "switchboard.demo.enabled", false,
                     "datasources.default.maximum-pool-size", 20, "micronaut.server.port", -1), "test")) {
            var api = new Api(server, server.getApplicationContext().getBean(JsonMapper.class)).newTenant("Load test");
            for (var provider : List.of("offline", "anthropic")) {
                var number = numberFor(api, provider);
                for (int calls : levels) {
                    if (provider.equals("anthropic"))
                        for (int i = 0; i < calls * LINES.size(); i++)
                            claude.enqueue(AnthropicStream.message("claude-load").text("Bien ", "sûr, ", "je vous écoute.").reply()
                                    .withFirstByteDelay(FAKE_LATENCY));
                    run(server, number, provider, calls);
                }
            }
        }
        System.exit(0);
    }

    private static String numberFor(Api api, String provider) {
        var assistant = api.post("/api/v1/assistants", Map.of("name", provider, "systemPrompt", "Réponds brièvement.",
                "language", "fr-FR", "model", Map.of("provider", provider, "model", provider.equals("offline") ? "demo-brain" : "claude-load")));
        var number = provider.equals("offline") ? "+15550100001" : "+15550100002";
        api.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", assistant.json().get("id")));
        return number;
    }

    private static void run(EmbeddedServer server, String number, String provider, int calls) throws Exception {
        var pool = Executors.newFixedThreadPool(calls);
        var tasks = new ArrayList<Callable<CallResult>>();
        for (int i = 0; i < calls; i++) {
            var caller = VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC_URL).authToken(TOKEN)
                    .from(String.format("+3360%07d", i)).to(number).replyTimeout(Duration.ofSeconds(60)).build();
            var script = CallScript.builder();
            LINES.forEach(script::say);
            tasks.add(() -> caller.call(script.hangUp().build()));
        }
        long started = System.nanoTime();
        var ttft = new ArrayList<Long>();
        int failed = 0;
        for (Future<CallResult> future : pool.invokeAll(tasks)) {
            try {
                var result = future.get();
                result.timesToFirstToken().forEach(d -> ttft.add(d.toNanos()));
                if (result.turns().size() != LINES.size()) failed++;
            } catch (Exception e) {
                failed++;
            }
        }
        pool.shutdown();
        Collections.sort(ttft);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%-9s %4d concurrent calls: %5d turns, TTFT p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms; %d calls incomplete; wall %.1f s%n",
                provider, calls, ttft.size(), pct(ttft, 50), pct(ttft, 99), ttft.isEmpty() ? 0 : ttft.get(ttft.size() - 1) / 1e6, failed, seconds);
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return Double.NaN;
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
