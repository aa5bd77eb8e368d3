package dev.switchboard.domain.tool;

import java.util.Map;

/**
 * What running a tool produced. Every outcome carries the text the model reads back as the
 * tool result — a {@link #report()} of what happened, then an {@link #instruction()} telling the
 * model what to do with it ("Confirm it to the caller.") — so that records of the call (its
 * summary) can keep the report and leave out what was only meant for the model. Hand-off and
 * hang-up also tell the runtime to act once the agent has spoken. {@code details} land on the
 * call's timeline.
 */
public sealed interface ToolOutcome {
    /** What happened, in words fit for the call's records. */
    String report();

    /** What the model should do with it; empty when nothing. Never shown outside the conversation. */
    String instruction();

    Map<String, Object> details();

    /** The whole text the model reads: the report, then the instruction. */
    default String forModel() {
        return instruction().isBlank() ? report() : report() + " " + instruction();
    }

    /** The tool did its job (or answered why it could not, e.g. a slot taken). */
    record Answer(String report, String instruction, Map<String, Object> details) implements ToolOutcome {
        public Answer {
            instruction = instruction == null ? "" : instruction;
        }

        /** Text for the model with no separate instruction. */
        public Answer(String forModel, Map<String, Object> details) {
            this(forModel, "", details);
        }
    }

    /** The tool broke or timed out; the model is told so and can apologise or try another way. */
    record Failed(String report, String instruction, Map<String, Object> details) implements ToolOutcome {
        public Failed {
            instruction = instruction == null ? "" : instruction;
        }

        public Failed(String forModel, Map<String, Object> details) {
            this(forModel, "", details);
        }
    }

    /** Hand the caller to a human (the assistant's transfer number). */
    record TransferToHuman(String reason, String report, String instruction, Map<String, Object> details) implements ToolOutcome {
        public TransferToHuman {
            instruction = instruction == null ? "" : instruction;
        }

        public TransferToHuman(String reason, String forModel, Map<String, Object> details) {
            this(reason, forModel, "", details);
        }
    }

    /** Press keypad keys on the call (e.g. to get through a phone menu); the conversation goes on. */
    record PressKeys(String digits, String report, String instruction, Map<String, Object> details) implements ToolOutcome {
        public PressKeys {
            instruction = instruction == null ? "" : instruction;
        }

        public PressKeys(String digits, String forModel, Map<String, Object> details) {
            this(digits, forModel, "", details);
        }
    }

    /** Say goodbye and hang up. */
    record EndCall(String reason, String report, String instruction, Map<String, Object> details) implements ToolOutcome {
        public EndCall {
            instruction = instruction == null ? "" : instruction;
        }

        public EndCall(String reason, String forModel, Map<String, Object> details) {
            this(reason, forModel, "", details);
        }
    }
}
