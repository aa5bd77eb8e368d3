package dev.switchboard.domain.tool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one tool call with a deadline, for every runtime (our conversation engine, Vapi's tool
 * webhook). Whatever happens — unknown or disabled tool, exception, timeout — the answer is a
 * {@link ToolOutcome} the model can read; nothing escapes into the caller's conversation.
 * Thread-safe; tools run on the given executor so a stuck one can be abandoned.
 *
 * <p>The answer is authoritative: each run is a {@link ToolRun}, and a tool writes through
 * {@link ToolContext#commit}. At the deadline a run that has not begun its write is abandoned
 * (its write will be refused, so "it failed" is true); a run whose write has begun is waited for,
 * at most {@code commitGrace} more, and its own outcome is reported. Only if even that wait runs
 * out is the model told the result is unknown — never "failed" for a booking that was made.
 */
public final class ToolRunner {
    /** How long a write that began before the deadline is waited for, by default. */
    public static final Duration DEFAULT_COMMIT_GRACE = Duration.ofSeconds(10);

    private final Toolbox toolbox;
    private final ExecutorService executor;
    private final Duration timeout;
    private final Duration commitGrace;

    public ToolRunner(Toolbox toolbox, ExecutorService executor, Duration timeout) {
        this(toolbox, executor, timeout, DEFAULT_COMMIT_GRACE);
    }

    /**
     * @param timeout how long a tool may run before it is abandoned (zero: abandoned at once
     *     unless already done or writing)
     * @param commitGrace how much longer a write already begun at the deadline is waited for
     */
    public ToolRunner(Toolbox toolbox, ExecutorService executor, Duration timeout, Duration commitGrace) {
        this.toolbox = toolbox;
        this.executor = executor;
        this.timeout = timeout;
        this.commitGrace = commitGrace;
    }

    public ToolOutcome run(ToolContext context, ToolCall call) {
        var tool = toolbox.find(context.assistant(), call.name());
        if (tool.isEmpty()) return unknown(call);
        var run = new ToolRun();
        Future<ToolOutcome> future;
        try {
            future = executor.submit(() -> tool.get().run(context.supervisedBy(run), call.arguments()));
        } catch (RejectedExecutionException full) {
            return busy(call);
        }
        return await(future, run, call, timeout.toNanos());
    }

    /**
     * Runs several tool calls at once, each on the executor, within one budget counted from now
     * (not the runner's per-call timeout): whatever is still running when the budget is spent is
     * stopped and answered as timed out, unless its write had begun. Outcomes come in the order
     * of {@code calls}.
     */
    public List<ToolOutcome> runAll(ToolContext context, List<ToolCall> calls, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        var runs = new ArrayList<ToolRun>();
        var started = new ArrayList<Future<ToolOutcome>>();
        for (var call : calls) {
            var tool = toolbox.find(context.assistant(), call.name());
            var run = new ToolRun();
            runs.add(run);
            Future<ToolOutcome> future = null;
            try {
                if (tool.isPresent()) future = executor.submit(() -> tool.get().run(context.supervisedBy(run), call.arguments()));
            } catch (RejectedExecutionException full) {
                future = CompletableFuture.completedFuture(busy(call));
            }
            started.add(future);
        }
        var outcomes = new ArrayList<ToolOutcome>();
        for (int i = 0; i < calls.size(); i++) {
            var future = started.get(i);
            outcomes.add(future == null ? unknown(calls.get(i))
                    : await(future, runs.get(i), calls.get(i), Math.max(0, deadline - System.nanoTime())));
        }
        return outcomes;
    }

    /** The bounded tool pool is full: the tool never started, so nothing was done. */
    private static ToolOutcome busy(ToolCall call) {
        return failed("Error: " + call.name() + " could not start: the system is very busy. Nothing was done. Tell the caller and "
                + "offer to try again in a moment or another way.", "tool threads all busy");
    }

    private static ToolOutcome unknown(ToolCall call) {
        return new ToolOutcome.Failed("Error: no tool named " + call.name() + " is available.", Map.of("error", "unknown tool"));
    }

    private ToolOutcome await(Future<ToolOutcome> future, ToolRun run, ToolCall call, long nanos) {
        try {
            return outcomeOf(future.get(nanos, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return atDeadline(future, run, call);
        } catch (ExecutionException e) {
            return crashed(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (run.abandon()) future.cancel(true);
            return failed("Error: " + call.name() + " was interrupted.", "interrupted");
        }
    }

    /** The deadline passed: abandon the run, or — if its write has begun — wait for what really happened. */
    private ToolOutcome atDeadline(Future<ToolOutcome> future, ToolRun run, ToolCall call) {
        if (run.abandon()) {
            // Nothing was written and nothing will be: the interrupt only hurries the thread along.
            future.cancel(true);
            return failed("Error: " + call.name() + " took too long and was stopped. Tell the caller and offer another way.", "timeout");
        }
        try {
            // Not interrupted: cutting a write in half would leave its result unknown.
            return withDetail(outcomeOf(future.get(commitGrace.toNanos(), TimeUnit.NANOSECONDS)), "deadline", "passed while writing; waited for the write");
        } catch (TimeoutException e) {
            return failed("Error: " + call.name() + " is still saving and its result is unknown. Tell the caller you could not "
                    + "confirm it and that the team will check; do not say it is done, and do not say it failed.", "write outcome unknown");
        } catch (ExecutionException e) {
            return crashed(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("Error: " + call.name() + " was interrupted while saving; its result is unknown.", "interrupted while writing");
        }
    }

    private static ToolOutcome outcomeOf(ToolOutcome outcome) {
        return outcome != null ? outcome : new ToolOutcome.Failed("Error: the tool returned nothing.", Map.of("error", "no outcome"));
    }

    private static ToolOutcome crashed(ToolCall call, ExecutionException e) {
        var cause = e.getCause() == null ? e : e.getCause();
        return failed("Error: " + call.name() + " failed. Tell the caller and offer another way.",
                cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private static ToolOutcome failed(String forModel, String error) {
        var details = new LinkedHashMap<String, Object>();
        details.put("error", error);
        return new ToolOutcome.Failed(forModel, details);
    }

    private static ToolOutcome withDetail(ToolOutcome outcome, String key, String value) {
        var details = new LinkedHashMap<String, Object>(outcome.details() == null ? Map.of() : outcome.details());
        details.put(key, value);
        if (outcome instanceof ToolOutcome.Answer a) return new ToolOutcome.Answer(a.report(), a.instruction(), details);
        if (outcome instanceof ToolOutcome.Failed f) return new ToolOutcome.Failed(f.report(), f.instruction(), details);
        if (outcome instanceof ToolOutcome.TransferToHuman t) return new ToolOutcome.TransferToHuman(t.reason(), t.report(), t.instruction(), details);
        if (outcome instanceof ToolOutcome.PressKeys p) return new ToolOutcome.PressKeys(p.digits(), p.report(), p.instruction(), details);
        var end = (ToolOutcome.EndCall) outcome;
        return new ToolOutcome.EndCall(end.reason(), end.report(), end.instruction(), details);
    }
}
