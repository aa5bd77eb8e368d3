package dev.switchboard.app.vapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tool.Tool;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.Toolbox;
import dev.switchboard.testkit.vapi.VapiMessageSender;
import dev.switchboard.testkit.vapi.VapiMessageSender.ToolCallItem;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tools of one {@code tool-calls} message share one budget and run side by side; a stuck one
 * becomes an error item and never holds back the others' answers. No timing is asserted: the tools
 * below can only both answer if they run at the same time, and the stuck one is released after the test.
 */
@MicronautTest
@Property(name = "spec.name", value = "VapiToolBudgetE2eTest")
@Property(name = "switchboard.vapi.tool-budget", value = "3s")
class VapiToolBudgetE2eTest {
    static final String SECRET = "whsec-budget-7";
    /** The two "meeting" tools answer only once both are running. */
    static volatile CountDownLatch meeting = new CountDownLatch(2);
    /** The stuck tool waits for this, released after each test. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    private VapiMessageSender vapi;
    private VapiMessageSender.Call call;

    @BeforeEach
    void a_tenant_whose_assistant_has_the_test_tools() {
        meeting = new CountDownLatch(2);
        release = new CountDownLatch(1);
        var owner = new Api(server, json).newTenant("Budget Salon");
        var tenantId = (String) owner.get("/api/v1/tenant").json().get("id");
        assertThat(owner.put("/api/v1/connections/vapi", Map.of("apiKey", "vapi-key", "webhookSecret", SECRET)).status()).isEqualTo(200);
        var body = new HashMap<String, Object>();
        body.put("name", "Reception");
        body.put("systemPrompt", "You answer the phone.");
        body.put("language", "en-US");
        body.put("tools", List.of("check_availability", "search_knowledge", "book_appointment", "cancel_appointment"));
        body.put("runtime", "vapi");
        var assistantId = (String) owner.post("/api/v1/assistants", body).json().get("id");
        var ourNumber = Fixtures.randomE164();
        assertThat(owner.post("/api/v1/phone-numbers", Map.of("number", ourNumber, "assistantId", assistantId)).status()).isEqualTo(201);
        vapi = new VapiMessageSender(server.getURI().resolve("/webhooks/vapi/" + tenantId), SECRET);
        call = VapiMessageSender.call(ourNumber, "+14155550100", "vapi-asst-budget",
                Map.of("switchboardTenantId", tenantId, "switchboardAssistantId", assistantId),
                Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void release_the_stuck_tool() {
        release.countDown();
    }

    @Test
    void the_tools_of_one_message_run_at_the_same_time() {
        var answer = vapi.send(call.toolCalls(4, List.of(
                new ToolCallItem("call_a", "check_availability", Map.of()),
                new ToolCallItem("call_b", "search_knowledge", Map.of()))));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"results\":["
                + "{\"toolCallId\":\"call_a\",\"name\":\"check_availability\",\"result\":\"met\"},"
                + "{\"toolCallId\":\"call_b\",\"name\":\"search_knowledge\",\"result\":\"met\"}]}");
    }

    @Test
    void a_stuck_tool_becomes_an_error_item_and_the_others_are_answered() {
        var answer = vapi.send(call.toolCalls(4, List.of(
                new ToolCallItem("call_stuck", "book_appointment", Map.of()),
                new ToolCallItem("call_quick", "cancel_appointment", Map.of()))));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"results\":["
                + "{\"toolCallId\":\"call_stuck\",\"name\":\"book_appointment\",\"error\":"
                + "\"Error: book_appointment took too long and was stopped. Tell the caller and offer another way.\"},"
                + "{\"toolCallId\":\"call_quick\",\"name\":\"cancel_appointment\",\"result\":\"Cancelled.\"}]}");
    }

    /** Test tools under the names assistants accept, replacing the real ones in this test's context. */
    @Factory
    @Requires(property = "spec.name", value = "VapiToolBudgetE2eTest")
    static class TestTools {
        @Singleton
        @Replaces(Toolbox.class)
        Toolbox toolbox() {
            return new Toolbox(List.of(meets("check_availability"), meets("search_knowledge"), stuck("book_appointment"),
                    answers("cancel_appointment", "Cancelled.")));
        }

        private static Tool meets(String name) {
            return tool(name, () -> {
                meeting.countDown();
                // Hang guard only: the partner is either started at once or never.
                return meeting.await(30, TimeUnit.SECONDS) ? "met" : "alone";
            });
        }

        private static Tool stuck(String name) {
            return tool(name, () -> {
                release.await(60, TimeUnit.SECONDS);
                return "finally";
            });
        }

        private static Tool answers(String name, String text) {
            return tool(name, () -> text);
        }

        private interface Body {
            String run() throws InterruptedException;
        }

        private static Tool tool(String name, Body body) {
            var definition = new ToolDefinition(name, "test tool", Map.of("type", "object", "properties", Map.of()));
            return new Tool() {
                @Override
                public ToolDefinition definition() {
                    return definition;
                }

                @Override
                public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
                    try {
                        return new ToolOutcome.Answer(body.run(), Map.of());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new ToolOutcome.Failed("interrupted", Map.of());
                    }
                }
            };
        }
    }
}
