package dev.switchboard.llm.openai;

import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.llm.streaming.ToolArguments;
import java.util.LinkedHashMap;

/**
 * Builds the Chat Completions request (PROTOCOLS.md §11.5) from a domain request: the system
 * prompt as a {@code system} message, caller turns as {@code user}, agent turns as
 * {@code assistant} with {@code tool_calls} (arguments as JSON text), and one {@code tool}
 * message per result, paired by {@code tool_call_id}.
 */
final class OpenAiRequests {
    /** Chat Completions has no error flag on tool results; the model reads this prefix instead. */
    static final String ERROR_PREFIX = "ERROR: ";

    private OpenAiRequests() {}

    static ChatCompletionCreateParams toParams(ModelRequest request, String apiKey) {
        var settings = request.settings();
        var params = ChatCompletionCreateParams.builder()
                .model(settings.model())
                .maxCompletionTokens(settings.maxTokens())
                .temperature(settings.temperature())
                .putAdditionalHeader("Authorization", "Bearer " + apiKey);
        if (!request.systemPrompt().isBlank()) params.addSystemMessage(request.systemPrompt());
        for (var turn : request.history()) {
            if (turn instanceof ChatTurn.CallerTurn caller) {
                params.addUserMessage(caller.text());
            } else if (turn instanceof ChatTurn.AgentTurn agent) {
                if (agent.text().isBlank() && agent.toolCalls().isEmpty()) continue;
                var message = ChatCompletionAssistantMessageParam.builder();
                if (!agent.text().isBlank()) message.content(agent.text());
                agent.toolCalls().forEach(call -> message.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                        .id(call.id())
                        .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                .name(call.name()).arguments(ToolArguments.write(call.arguments())).build())
                        .build()));
                params.addMessage(message.build());
            } else if (turn instanceof ChatTurn.ToolResult result) {
                params.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(result.toolCallId())
                        .content(result.isError() ? ERROR_PREFIX + result.content() : result.content())
                        .build());
            }
        }
        request.tools().forEach(tool -> params.addTool(tool(tool)));
        return params.build();
    }

    private static ChatCompletionFunctionTool tool(ToolDefinition definition) {
        var parameters = new LinkedHashMap<String, JsonValue>();
        definition.parameters().forEach((key, value) -> parameters.put(key, JsonValue.from(value)));
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name(definition.name())
                        .description(definition.description())
                        .parameters(FunctionParameters.builder().putAllAdditionalProperties(parameters).build())
                        .build())
                .build();
    }
}
