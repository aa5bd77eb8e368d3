package dev.switchboard.domain.conversation;

import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.tool.ToolCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link LanguageModel} that plays scripted replies in order and records every
 * request, for engine tests. A step can stream text, ask for tools, fail, or stream and then
 * hang until cancelled (to test barge-in).
 */
public final class ScriptedLanguageModel implements LanguageModel {
    /** One scripted reply. */
    public sealed interface Step {}

    public record Says(List<String> deltas, List<ToolCall> toolCalls) implements Step {}

    public record Fails(PortFailure failure) implements Step {}

    /** Streams {@code deltas}, signals {@code streaming}, then waits for cancellation. */
    public record HangsAfter(List<String> deltas, CountDownLatch streaming) implements Step {}

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<ModelRequest> requests = new ArrayList<>();
    private Step fallback;

    public static Says says(String... deltas) {
        return new Says(List.of(deltas), List.of());
    }

    public static Says callsTools(List<String> deltas, ToolCall... calls) {
        return new Says(deltas, List.of(calls));
    }

    public synchronized ScriptedLanguageModel then(Step step) {
        steps.add(step);
        return this;
    }

    /** What to play once the script is used up (default: fail the test loudly). */
    public synchronized ScriptedLanguageModel always(Step step) {
        fallback = step;
        return this;
    }

    public synchronized List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation) {
        Step step;
        synchronized (this) {
            requests.add(request);
            step = steps.isEmpty() ? fallback : steps.poll();
        }
        if (step == null) throw new AssertionError("the model was asked more often than scripted");
        if (step instanceof Fails fails) throw fails.failure();
        if (step instanceof HangsAfter hangs) {
            var text = new StringBuilder();
            for (var delta : hangs.deltas()) {
                listener.onText(delta);
                text.append(delta);
            }
            var cancelled = new CountDownLatch(1);
            cancellation.onCancel(cancelled::countDown);
            hangs.streaming().countDown();
            try {
                if (!cancelled.await(10, TimeUnit.SECONDS)) throw new AssertionError("never cancelled");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ModelReply(text.toString(), List.of(), ModelReply.StopReason.CANCELLED);
        }
        var says = (Says) step;
        var text = new StringBuilder();
        for (var delta : says.deltas()) {
            if (cancellation.isCancelled()) return new ModelReply(text.toString(), List.of(), ModelReply.StopReason.CANCELLED);
            listener.onText(delta);
            text.append(delta);
        }
        return new ModelReply(text.toString(), says.toolCalls(),
                says.toolCalls().isEmpty() ? ModelReply.StopReason.END_TURN : ModelReply.StopReason.TOOL_USE);
    }
}
