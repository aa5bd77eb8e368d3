package dev.switchboard.domain.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one tool call with a deadline, for every runtime (our conversation engine, Vapi's tool
 * webhook). Whatever happens — unknown or disabled tool, exception, timeout — the answer is a
 * {@link ToolOutcome} the model can read; nothing escapes into the caller's conversation.
 * Thread-safe; tools run on the given executor so a stuck one can be abandoned.
 */
public final class ToolRunner {
    private final Toolbox toolbox;
    private final ExecutorService executor;
    private final Duration timeout;

    public ToolRunner(Toolbox toolbox, ExecutorService executor, Duration timeout) {
        this.toolbox = toolbox;
        this.executor = executor;
        this.timeout = timeout;
    }

    public ToolOutcome run(ToolContext context, ToolCall call) {
        var tool = toolbox.find(context.assistant(), call.name());
        if (tool.isEmpty()) return unknown(call);
        var future = executor.submit(() -> tool.get().run(context, call.arguments()));
        return await(future, call, timeout.toNanos());
    }

    /**
     * Runs several tool calls at once, each on the executor, within one budget counted from now
     * (not the runner's per-call timeout): whatever is still running when the budget is spent is
     * stopped and answered as timed out. Outcomes come in the order of {@code calls}.
     */
    public List<ToolOutcome> runAll(ToolContext context, List<ToolCall> calls, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        var started = new ArrayList<Future<ToolOutcome>>();
        for (var call : calls) {
            var tool = toolbox.find(context.assistant(), call.name());
            started.add(tool.isEmpty() ? null : executor.submit(() -> tool.get().run(context, call.arguments())));
        }
        var outcomes = new ArrayList<ToolOutcome>();
        for (int i = 0; i < calls.size(); i++) {
            var future = started.get(i);
            outcomes.add(future == null ? unknown(calls.get(i)) : await(future, calls.get(i), Math.max(0, deadline - System.nanoTime())));
        }
        return outcomes;
    }

    private static ToolOutcome unknown(ToolCall call) {
        return new ToolOutcome.Failed("Error: no tool named " + call.name() + " is available.", Map.of("error", "unknown tool"));
    }

    private static ToolOutcome await(Future<ToolOutcome> future, ToolCall call, long nanos) {
        try {
            var outcome = future.get(nanos, TimeUnit.NANOSECONDS);
            return outcome != null ? outcome : new ToolOutcome.Failed("Error: the tool returned nothing.", Map.of("error", "no outcome"));
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed("Error: " + call.name() + " took too long and was stopped. Tell the caller and offer another way.", "timeout");
        } catch (ExecutionException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            return failed("Error: " + call.name() + " failed. Tell the caller and offer another way.",
                    cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failed("Error: " + call.name() + " was interrupted.", "interrupted");
        }
    }

    private static ToolOutcome failed(String forModel, String error) {
        var details = new LinkedHashMap<String, Object>();
        details.put("error", error);
        return new ToolOutcome.Failed(forModel, details);
    }
}
