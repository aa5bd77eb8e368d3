package dev.switchboard.domain.conversation;

import dev.switchboard.domain.tool.ToolCall;
import java.util.List;
import java.util.Objects;

/**
 * A finished reply: all its text, the tool calls it asked for (fully assembled), why the model
 * stopped, how many output tokens it cost, and a note for the call's timeline when the reply
 * was not what the assistant asked for (e.g. the offline model answered because the platform's
 * daily quota was spent).
 *
 * @param outputTokens as the provider reported them, else estimated at four characters a token
 * @param note {@code null} when there is nothing to say
 */
public record ModelReply(String text, List<ToolCall> toolCalls, StopReason stopReason, long outputTokens, Note note) {
    /** Why the model stopped producing output. */
    public enum StopReason { END_TURN, TOOL_USE, MAX_TOKENS, CANCELLED }

    /**
     * Something the call's timeline should say about how the reply was produced, once per call
     * and kind.
     *
     * @param kind a stable key, e.g. {@code platform_quota}
     * @param message plain words for the person reading the timeline
     */
    public record Note(String kind, String message) {
        public Note {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    public ModelReply {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        if (outputTokens < 0) throw new IllegalArgumentException("outputTokens must be >= 0");
    }

    /** A reply whose output tokens are estimated from its text and tool calls, with no note. */
    public ModelReply(String text, List<ToolCall> toolCalls, StopReason stopReason) {
        this(text, toolCalls, stopReason, estimateTokens(text, toolCalls), null);
    }

    /** The same reply with a note for the timeline. */
    public ModelReply noted(Note with) {
        return new ModelReply(text, toolCalls, stopReason, outputTokens, with);
    }

    /** About four characters a token, the providers' own rule of thumb for English and French. */
    public static long estimateTokens(String text, List<ToolCall> toolCalls) {
        long chars = text == null ? 0 : text.length();
        if (toolCalls != null) for (var call : toolCalls) chars += call.name().length() + String.valueOf(call.arguments()).length();
        return (chars + 3) / 4;
    }
}
