package dev.switchboard.domain.conversation;

import dev.switchboard.domain.tool.ToolCall;
import java.util.List;

/**
 * A finished reply: all its text, the tool calls it asked for (fully assembled), and why the
 * model stopped.
 */
public record ModelReply(String text, List<ToolCall> toolCalls, StopReason stopReason) {
    /** Why the model stopped producing output. */
    public enum StopReason { END_TURN, TOOL_USE, MAX_TOKENS, CANCELLED }

    public ModelReply {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }
}
