package dev.switchboard.domain.tool;

import java.util.Map;

/**
 * One capability the agent can use during a call (book an appointment, transfer…), shared by
 * every runtime. Implementations validate their own arguments and answer bad ones with an
 * {@link ToolOutcome.Answer} or {@link ToolOutcome.Failed} the model can read; they may throw,
 * and the caller of {@link #run} turns any exception into a {@code Failed} outcome.
 * Thread-safe: one instance serves all calls.
 */
public interface Tool {
    ToolDefinition definition();

    ToolOutcome run(ToolContext context, Map<String, Object> arguments);
}
