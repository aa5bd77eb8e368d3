package dev.switchboard.domain.conversation;

import dev.switchboard.domain.tool.ToolCall;
import java.util.List;
import java.util.Objects;

/** One entry of the history sent to a language model. */
public sealed interface ChatTurn {
    /** What the caller said (or a note standing in for them, e.g. a DTMF key). */
    record CallerTurn(String text) implements ChatTurn {
        public CallerTurn {
            Objects.requireNonNull(text, "text");
        }
    }

    /** What the agent said (as heard, after any barge-in) and the tools it asked for. */
    record AgentTurn(String text, List<ToolCall> toolCalls) implements ChatTurn {
        public AgentTurn {
            text = text == null ? "" : text;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }
    }

    /** The result of one tool call, paired by id. */
    record ToolResult(String toolCallId, String toolName, String content, boolean isError) implements ChatTurn {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(content, "content");
        }
    }
}
