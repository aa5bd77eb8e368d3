package dev.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.Api;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * docs/walkthrough-outbound.md as a test: the fake Twilio that {@code switchboard fake-twilio}
 * runs, built exactly as the command builds it (its default account, numbers and customer), and
 * the server pointed at it with the settings the command prints, its own dialer running, no model
 * key (the offline model answers). A tenant imports a number (configured at the fake), calls a
 * customer about an order, and the fake plays the customer; then it texts them and the fake
 * delivers. Nothing in between is driven by the test: only the API, as a user would.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FakeTwilioWalkthroughE2eTest implements TestPropertyProvider {
    private static final Map<String, Object> ORDER = Map.of("customer_name", "Ada Lovelace",
            "order", Map.of("id", "A-1042", "items", List.of(Map.of("name", "Teapot", "qty", 2)), "delivery", "Thursday"));
    private static final String CUSTOMER = "+33612345678";

    private final StringWriter printed = new StringWriter();
    private final FakeTwilioCommand command = defaults();
    private final FakeTwilioRest twilio = command.account().open(new PrintWriter(printed, true));
    private final int port = freePort();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.server.port", String.valueOf(port), "switchboard.public-url", "http://localhost:" + port,
                "switchboard.twilio.api-url", twilio.baseUrl(), "switchboard.twilio.account-sid", FakeTwilioCommand.ACCOUNT_SID,
                "switchboard.twilio.auth-token", FakeTwilioCommand.AUTH_TOKEN);
    }

    @AfterAll
    void stop() {
        twilio.close();
    }

    /** The command as {@code ./switchboard fake-twilio --port 0} sets it up: its defaults, any free port. */
    private static FakeTwilioCommand defaults() {
        var command = new FakeTwilioCommand();
        new CommandLine(command).parseArgs("--port", "0");
        return command;
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_tenant_imports_a_number_calls_a_customer_about_an_order_and_texts_them() {
        var owner = new Api(server, json).newTenant("Orders & Co");
        var assistant = owner.post("/api/v1/assistants", Map.of("name", "Order desk", "language", "en-US", "runtime", "relay",
                "systemPrompt", "You call {{customer_name}} about order {{order.id}}.",
                "firstMessage", "Hello {{customer_name}}, this is Orders & Co about your order {{order.id}}.", "tools", List.of("end_call")));
        assertThat(assistant.status()).isEqualTo(201);

        var imported = owner.post("/api/v1/phone-numbers/import", Map.of("number", "+14155550101", "assistantId", assistant.json().get("id")));
        assertThat(imported.status()).isEqualTo(201);
        var numberId = (String) imported.json().get("id");
        assertThat(owner.get("/api/v1/phone-numbers/" + numberId).json()).containsEntry("proven", true)
                .containsEntry("twilioAccountSid", FakeTwilioCommand.ACCOUNT_SID)
                .containsEntry("twilio", Map.of("configured", true, "mismatches", List.of()));
        owner.put("/api/v1/outbound-settings", Map.of("maxConcurrentOutboundCalls", 5, "callsPerSecond", 1,
                "callingHours", Map.of("start", "00:00", "end", "00:00")));

        var placed = owner.post("/api/v1/calls", Map.of("to", CUSTOMER, "phoneNumberId", numberId, "context", ORDER, "reference", "order-A-1042"));
        assertThat(placed.status()).isEqualTo(202);
        var callId = (String) ((Map<String, Object>) placed.json().get("call")).get("id");
        var detail = await().atMost(Duration.ofSeconds(60)).until(() -> owner.get("/api/v1/calls/" + callId).json(),
                d -> "completed".equals(((Map<String, Object>) d.get("call")).get("status")) && ((Map<String, Object>) d.get("call")).get("summary") != null);

        var call = (Map<String, Object>) detail.get("call");
        assertThat(call).containsEntry("direction", "outbound").containsEntry("from", "+14155550101").containsEntry("to", CUSTOMER);
        var transcript = ((List<Map<String, Object>>) detail.get("transcript")).stream().map(l -> l.get("speaker") + ": " + l.get("text")).toList();
        assertThat(transcript).startsWith("agent: Hello Ada Lovelace, this is Orders & Co about your order A-1042.",
                "caller: " + FakeTwilioCommand.CUSTOMER_LINES.get(0));
        assertThat(transcript).contains("caller: " + FakeTwilioCommand.CUSTOMER_LINES.get(1));
        assertThat((String) call.get("summary")).startsWith("Outcome: completed");
        var statuses = ((List<Map<String, Object>>) detail.get("timeline")).stream().filter(e -> "status.changed".equals(e.get("type")))
                .map(e -> ((Map<String, Object>) e.get("data")).get("reported")).toList();
        assertThat(statuses).containsExactly("initiated", "ringing", "in-progress", "completed");
        assertThat(twilio.calls()).hasSize(1);
        assertThat(twilio.calls().get(0).path("status").asText()).isEqualTo("completed");

        var text = owner.post("/api/v1/messages", Map.of("to", CUSTOMER, "phoneNumberId", numberId, "body", "Your order A-1042 arrives Thursday."));
        assertThat(text.status()).isEqualTo(202);
        var delivered = await().atMost(Duration.ofSeconds(30)).until(() -> owner.get("/api/v1/messages/" + text.json().get("id")).json(),
                m -> "delivered".equals(m.get("status")));
        assertThat(delivered).containsEntry("direction", "outbound").containsEntry("twilioSid", twilio.messages().get(0).path("sid").asText());

        assertThat(printed.toString()).contains("Fake Twilio REST API on " + twilio.baseUrl(), "/Calls.json -> 201", "Direction=outbound-api",
                "agent: Hello Ada Lovelace, this is Orders & Co about your order A-1042.", "completed -> 204",
                "/Messages.json -> 201", "status delivered -> 204");
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
