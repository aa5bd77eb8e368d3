package dev.switchboard.domain.vapi;

import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.Toolbox;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a tool Vapi asked for, within a deadline shorter than Vapi's server timeout (20 s), so
 * Vapi always gets an answer it can read: unknown tool, exception or timeout become a
 * {@link ToolOutcome.Failed}.
 */
final class VapiTools {
    private final Toolbox toolbox;
    private final ExecutorService executor;
    private final Duration timeout;

    VapiTools(Toolbox toolbox, ExecutorService executor, Duration timeout) {
        this.toolbox = toolbox;
        this.executor = executor;
        this.timeout = timeout;
    }

    ToolOutcome run(ToolContext context, ToolCall call) {
        var tool = toolbox.find(context.assistant(), call.name());
        if (tool.isEmpty())
            return new ToolOutcome.Failed("Error: no tool named " + call.name() + " is available.", Map.of("error", "unknown tool"));
        var future = executor.submit(() -> tool.get().run(context, call.arguments()));
        try {
            var outcome = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return outcome != null ? outcome : new ToolOutcome.Failed("Error: the tool returned nothing.", Map.of("error", "no outcome"));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new ToolOutcome.Failed("Error: " + call.name() + " took too long. Tell the caller and offer another way.", Map.of("error", "timeout"));
        } catch (ExecutionException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            return new ToolOutcome.Failed("Error: " + call.name() + " failed. Tell the caller and offer another way.",
                    Map.of("error", cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new ToolOutcome.Failed("Error: " + call.name() + " was interrupted.", Map.of("error", "interrupted"));
        }
    }

    /** Vapi wants results on one line (PROTOCOLS.md §8.3). */
    static String singleLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
