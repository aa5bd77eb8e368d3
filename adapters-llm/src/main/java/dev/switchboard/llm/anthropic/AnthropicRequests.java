package dev.switchboard.llm.anthropic;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.tool.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Messages request (PROTOCOLS.md §11.1–11.2) from a domain request: caller turns and
 * tool results become {@code user} content, agent turns {@code assistant} content with their
 * {@code tool_use} blocks; consecutive turns of one role share a message, so each group of
 * {@code tool_result} blocks directly answers the preceding {@code tool_use} ids.
 */
final class AnthropicRequests {
    /** Stands in for the caller when the agent spoke first: the API wants a user message first. */
    static final String CALL_CONNECTED = "[call connected]";

    private AnthropicRequests() {}

    static MessageCreateParams toParams(ModelRequest request, String apiKey) {
        var settings = request.settings();
        var params = MessageCreateParams.builder()
                .model(settings.model())
                .maxTokens(settings.maxTokens())
                // This SDK has no typed temperature; Anthropic's range is 0..1, OpenAI's 0..2.
                .putAdditionalBodyProperty("temperature", JsonValue.from(Math.min(settings.temperature(), 1.0)))
                .putAdditionalHeader("x-api-key", apiKey);
        if (!request.systemPrompt().isBlank()) params.system(request.systemPrompt());
        messages(request.history()).forEach(params::addMessage);
        request.tools().forEach(tool -> params.addTool(tool(tool)));
        return params.build();
    }

    private static List<MessageParam> messages(List<ChatTurn> history) {
        var messages = new ArrayList<MessageParam>();
        var blocks = new ArrayList<ContentBlockParam>();
        boolean user = true;
        for (var turn : history) {
            boolean turnIsUser = !(turn instanceof ChatTurn.AgentTurn);
            var content = blocks(turn);
            if (content.isEmpty()) continue;
            if (turnIsUser != user) {
                if (!blocks.isEmpty() || messages.isEmpty()) {
                    if (blocks.isEmpty()) blocks.add(ContentBlockParam.ofText(CALL_CONNECTED));
                    messages.add(message(user, blocks));
                }
                blocks = new ArrayList<>();
                user = turnIsUser;
            }
            blocks.addAll(content);
        }
        if (!blocks.isEmpty()) messages.add(message(user, blocks));
        return messages;
    }

    private static MessageParam message(boolean user, List<ContentBlockParam> blocks) {
        return user ? MessageParam.ofUserOfContentBlockParams(List.copyOf(blocks))
                : MessageParam.ofAssistantOfContentBlockParams(List.copyOf(blocks));
    }

    private static List<ContentBlockParam> blocks(ChatTurn turn) {
        var blocks = new ArrayList<ContentBlockParam>();
        if (turn instanceof ChatTurn.CallerTurn caller) {
            if (!caller.text().isBlank()) blocks.add(ContentBlockParam.ofText(caller.text()));
        } else if (turn instanceof ChatTurn.AgentTurn agent) {
            // Empty text blocks are rejected by the API; a turn cut off before any word keeps its tools only.
            if (!agent.text().isBlank()) blocks.add(ContentBlockParam.ofText(agent.text()));
            for (var call : agent.toolCalls()) {
                blocks.add(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                        .id(call.id()).name(call.name())
                        .input(ToolUseBlockParam.Input.builder().putAllAdditionalProperties(json(call.arguments())).build())
                        .build()));
            }
        } else if (turn instanceof ChatTurn.ToolResult result) {
            blocks.add(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                    .toolUseId(result.toolCallId()).content(result.content()).isError(result.isError()).build()));
        }
        return blocks;
    }

    private static Tool tool(ToolDefinition definition) {
        var schema = new LinkedHashMap<>(definition.parameters());
        schema.remove("type"); // the SDK always writes "type": "object"
        return Tool.builder()
                .name(definition.name())
                .description(definition.description())
                .inputSchema(Tool.InputSchema.builder().putAllAdditionalProperties(json(schema)).build())
                .build();
    }

    private static Map<String, JsonValue> json(Map<String, Object> map) {
        var json = new LinkedHashMap<String, JsonValue>();
        map.forEach((key, value) -> json.put(key, JsonValue.from(value)));
        return json;
    }
}
