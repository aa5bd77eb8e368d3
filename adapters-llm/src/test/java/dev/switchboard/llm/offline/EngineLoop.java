package dev.switchboard.llm.offline;

import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.domain.tool.ToolOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plays the conversation engine's part around {@link OfflineLanguageModel}: appends what the
 * caller says, asks for a reply, runs requested tools through scripted answers, appends their
 * results and asks again, exactly as {@code ConversationSession} does.
 */
final class EngineLoop {
    static final TenantId TENANT = TenantId.parse("7f0c1a5e-0000-4000-8000-000000000001");
    static final ModelSettings SETTINGS = new ModelSettings("offline", "demo", 0.0, 300);

    private final OfflineLanguageModel model = new OfflineLanguageModel();
    private final String prompt;
    private final List<ToolDefinition> tools;
    private final Function<ToolCall, ToolOutcome> toolAnswers;
    final List<ChatTurn> history = new ArrayList<>();
    final List<ToolCall> toolCalls = new ArrayList<>();

    EngineLoop(String language, List<ToolDefinition> tools, Function<ToolCall, ToolOutcome> toolAnswers) {
        this.prompt = prompt(language);
        this.tools = tools;
        this.toolAnswers = toolAnswers;
    }

    /** What the caller hears in answer, all rounds together, as streamed. */
    String callerSays(String text) {
        history.add(new ChatTurn.CallerTurn(text));
        var heard = new StringBuilder();
        for (int round = 1; round <= 3; round++) {
            var reply = model.reply(request(), heard::append, new Cancellation());
            history.add(new ChatTurn.AgentTurn(reply.text(), reply.toolCalls()));
            if (reply.toolCalls().isEmpty()) return heard.toString();
            boolean handOffOrHangUp = false;
            for (var call : reply.toolCalls()) {
                toolCalls.add(call);
                var outcome = toolAnswers.apply(call);
                history.add(new ChatTurn.ToolResult(call.id(), call.name(), outcome.forModel(), outcome instanceof ToolOutcome.Failed));
                handOffOrHangUp |= outcome instanceof ToolOutcome.TransferToHuman || outcome instanceof ToolOutcome.EndCall;
            }
            if (handOffOrHangUp) return heard.toString(); // the engine transfers or hangs up without asking again
        }
        throw new AssertionError("still asking for tools after 3 rounds: " + history);
    }

    ModelRequest request() {
        return new ModelRequest(TENANT, SETTINGS, prompt, history, tools);
    }

    /** As {@code SystemPrompt.assemble} writes it, on Monday 2 March 2026 at 10:00 in Paris. */
    static String prompt(String language) {
        return """
                You are the receptionist of a hair salon.

                Business: Salon Lumière
                Current local date and time: 2026-03-02T10:00 Europe/Paris (Monday)
                Opening hours: Tuesday to Saturday, 9:00-19:00
                Language: speak %s. You are on a phone call: answer in short spoken sentences, no lists, no markdown, no emoji. \
                Use tools for availability, bookings and transfers; never invent a booking.""".formatted(language);
    }

    /** A scripted tool answer, as the platform's tools phrase them. */
    static ToolOutcome answer(String content) {
        return new ToolOutcome.Answer(content, Map.of());
    }

    /** The platform's tools, with the parameters the real ones declare. */
    static List<ToolDefinition> allTools(String... requiredForBooking) {
        var booking = new ArrayList<>(List.of("date", "time", "client_name"));
        booking.addAll(List.of(requiredForBooking));
        return List.of(
                tool("check_availability", Map.of("date", string(), "service_type", string()), List.of("date")),
                tool("book_appointment", Map.of("date", string(), "time", string(), "client_name", string(), "client_phone", string(),
                        "service_type", string()), booking),
                tool("search_knowledge", Map.of("query", string()), List.of("query")),
                tool("transfer_to_human", Map.of("reason", string()), List.of("reason")),
                tool("end_call", Map.of("reason", string()), List.of("reason")));
    }

    static ToolDefinition tool(String name, Map<String, Object> properties, List<String> required) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return new ToolDefinition(name, "the " + name + " tool", schema);
    }

    private static Map<String, Object> string() {
        return Map.of("type", "string");
    }
}
