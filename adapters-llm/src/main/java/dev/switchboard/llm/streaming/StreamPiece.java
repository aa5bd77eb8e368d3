package dev.switchboard.llm.streaming;

import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.tool.ToolCall;
import java.util.Objects;

/** What a provider stream yields, in provider-neutral terms, in the order it arrived. */
public sealed interface StreamPiece {
    /** A piece of reply text; never empty. */
    record Text(String delta) implements StreamPiece {
        public Text {
            if (delta == null || delta.isEmpty()) throw new IllegalArgumentException("empty text delta");
        }
    }

    /** The model began output that is not text yet (e.g. a tool call): it counts as the first token. */
    record Started() implements StreamPiece {}

    /** A fully assembled tool call. */
    record ToolUse(ToolCall call) implements StreamPiece {
        public ToolUse {
            Objects.requireNonNull(call, "call");
        }
    }

    /** The model finished; nothing but the end of the stream follows. */
    record Finished(ModelReply.StopReason reason) implements StreamPiece {
        public Finished {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
