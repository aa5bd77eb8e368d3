package dev.switchboard.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.VirtualCaller;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * An operator's view: after a simulated call, the Prometheus text names it (webhook, turns, first tokens, sockets,
 * recorder, pool) and only the token holder may read it; the webhook's log line names the call.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsE2eTest implements TestPropertyProvider {
    private static final String PUBLIC_URL = "https://switchboard.test";
    private static final String TOKEN = "metrics-auth-token";
    private static final String SCRAPE_TOKEN = "scrape-0123456789";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", PUBLIC_URL, "switchboard.twilio.auth-token", TOKEN, "switchboard.metrics.token", SCRAPE_TOKEN);
    }

    private HttpResponse<String> scrape(Optional<String> authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus"));
        authorization.ifPresent(a -> request.header("Authorization", a));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every sample of the Prometheus text format, by name and labels. */
    private static Map<String, Double> samples(String text) {
        var samples = new HashMap<String, Double>();
        for (var line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            var m = SAMPLE.matcher(line.strip());
            assertThat(m.matches()).as("a Prometheus sample line: %s", line).isTrue();
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static double sum(Map<String, Double> samples, String prefix, String labelPart) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getKey().contains(labelPart))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void after_a_simulated_call_the_scrape_shows_the_webhook_the_recorder_and_the_pool() throws Exception {
        var owner = new Api(server, json).newTenant("Metrics salon");
        var assistant = owner.post("/api/v1/assistants", Map.of("name", "Reception", "systemPrompt", "Answer briefly.", "language", "en-US",
                "model", Map.of("provider", "offline", "model", "demo-brain"))).json();
        var number = Fixtures.randomE164();
        owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", assistant.get("id")));
        var webhookLog = new ListAppender<ILoggingEvent>();
        webhookLog.start();
        var voiceWebhook = (Logger) LoggerFactory.getLogger("dev.switchboard.twilio.in.TwilioVoiceWebhook");
        voiceWebhook.addAppender(webhookLog);
        CallResult call;
        try {
            call = VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC_URL).authToken(TOKEN).to(number).build()
                    .call(CallScript.builder().say("What are your opening hours?").say("Thank you").build());
        } finally {
            voiceWebhook.detachAppender(webhookLog);
        }
        assertThat(call.outcome()).isEqualTo(CallResult.Outcome.CALLER_HUNG_UP);

        // The webhook's own log line names the call, as the call's turns and frames do (SWITCHBOARD_LOG_FORMAT=json puts it under mdc).
        @SuppressWarnings("unchecked")
        var calls = (java.util.List<Map<String, Object>>) owner.get("/api/v1/calls").json().get("items");
        var callId = calls.stream().filter(c -> call.callSid().equals(c.get("providerCallId"))).findFirst().orElseThrow().get("id");
        var answered = webhookLog.list.stream().filter(e -> e.getFormattedMessage().contains(call.callSid() + " (inbound) answered")).toList();
        assertThat(answered).hasSize(1);
        assertThat(answered.get(0).getMDCPropertyMap()).containsEntry("callId", String.valueOf(callId)).containsEntry("twilioSid", call.callSid())
                .containsKey("tenantId");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var response = scrape(Optional.of("Bearer " + SCRAPE_TOKEN));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            var samples = samples(response.body());
            assertThat(samples).containsKey("switchboard_calls_live");
            assertThat(sum(samples, "switchboard_recorder_stored_total", "")).isPositive();
            assertThat(samples).containsKey("switchboard_recorder_pending");
            assertThat(sum(samples, "http_server_requests_seconds_count", "uri=\"/webhooks/twilio/voice\"")).isGreaterThanOrEqualTo(1);
            assertThat(samples.keySet()).anyMatch(k -> k.startsWith("hikaricp_connections_active"));
            assertThat(samples.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
            // Issue 13's meters, read off the call's timeline and sockets.
            assertThat(samples.keySet()).anyMatch(k -> k.startsWith("switchboard_calls_active{") && k.contains("runtime=\"relay\""));
            assertThat(samples.keySet()).anyMatch(k -> k.startsWith("switchboard_calls_active{") && k.contains("runtime=\"stream\""));
            assertThat(samples).containsKey("switchboard_sockets_open");
            assertThat(sum(samples, "switchboard_model_first_token_seconds_count", "provider=\"offline\"")).isGreaterThanOrEqualTo(2);
            assertThat(sum(samples, "switchboard_turn_seconds_count", "")).isGreaterThanOrEqualTo(2);
            assertThat(samples.keySet()).anyMatch(k -> k.startsWith("hikaricp_connections_pending"));
            assertThat(sum(samples, "http_server_requests_seconds_count", "uri=\"/webhooks/twilio/status\"")).isGreaterThanOrEqualTo(1);
            // The HTTP event loops' lag, sampled on every loop since the server started.
            assertThat(sum(samples, "switchboard_event_loop_lag_seconds_count", "")).isPositive();
        });
    }

    @Test
    void without_the_scrape_token_nothing_is_shown() throws Exception {
        var none = scrape(Optional.empty());
        var wrong = scrape(Optional.of("Bearer " + SCRAPE_TOKEN + "x"));
        var userJwt = scrape(Optional.of("Bearer " + new Api(server, json).newTenant("Curious").token()));

        for (var response : java.util.List.of(none, wrong, userJwt)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("switchboard_", "jvm_");
        }
    }
}
