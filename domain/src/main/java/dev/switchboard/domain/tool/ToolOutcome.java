package dev.switchboard.domain.tool;

import java.util.Map;

/**
 * What running a tool produced. Every outcome carries the text the model reads back as the
 * tool result; hand-off and hang-up also tell the runtime to act once the agent has spoken.
 * {@code details} land on the call's timeline.
 */
public sealed interface ToolOutcome {
    String forModel();

    Map<String, Object> details();

    /** The tool did its job (or answered why it could not, e.g. a slot taken). */
    record Answer(String forModel, Map<String, Object> details) implements ToolOutcome {}

    /** The tool broke or timed out; the model is told so and can apologise or try another way. */
    record Failed(String forModel, Map<String, Object> details) implements ToolOutcome {}

    /** Hand the caller to a human (the assistant's transfer number). */
    record TransferToHuman(String reason, String forModel, Map<String, Object> details) implements ToolOutcome {}

    /** Press keypad keys on the call (e.g. to get through a phone menu); the conversation goes on. */
    record PressKeys(String digits, String forModel, Map<String, Object> details) implements ToolOutcome {}

    /** Say goodbye and hang up. */
    record EndCall(String reason, String forModel, Map<String, Object> details) implements ToolOutcome {}
}
