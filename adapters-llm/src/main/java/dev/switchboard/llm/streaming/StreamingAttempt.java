package dev.switchboard.llm.streaming;

import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.domain.shared.PortFailure.Category;
import dev.switchboard.domain.tool.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link ProviderCall} on a worker thread and consumes its pieces on the caller's
 * thread, so the listener is called there, in order, and the caller never blocks on the network:
 * deadlines and cancellation are checked while waiting for the next piece, and abort the call.
 */
final class StreamingAttempt {
    private static final Object END = new Object();
    private static final Object WAKE = new Object();

    private final ProviderCall call;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private boolean output;
    private ModelReply.StopReason stopReason;

    StreamingAttempt(ProviderCall call) {
        this.call = call;
    }

    /**
     * @param firstTokenTimeout how long to wait for the first output of this attempt
     * @param deadlineNanos {@link System#nanoTime()} by which the whole reply must be done
     * @throws AttemptFailure retryable only if nothing reached the listener
     */
    ModelReply run(Executor workers, Duration firstTokenTimeout, long deadlineNanos, ReplyListener listener,
                   Cancellation cancellation, String provider) {
        cancellation.onCancel(() -> {
            queue.add(WAKE);
            call.abort();
        });
        workers.execute(this::pump);
        long firstTokenDeadline = System.nanoTime() + firstTokenTimeout.toNanos();
        try {
            while (true) {
                if (cancellation.isCancelled()) return cancelled();
                long deadline = output ? deadlineNanos : Math.min(firstTokenDeadline, deadlineNanos);
                long wait = deadline - System.nanoTime();
                if (wait <= 0) throw timedOut(provider, deadline == firstTokenDeadline && !output);
                var item = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (item == null || item == WAKE) continue;
                if (item == END) return finished(provider);
                if (item instanceof AttemptFailure failure) throw output ? failure.notRetryable() : failure;
                accept((StreamPiece) item, listener);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cancelled();
        } catch (RuntimeException e) {
            call.abort();
            throw e;
        }
    }

    private void pump() {
        try {
            call.stream(queue::add);
        } catch (AttemptFailure failure) {
            queue.add(failure);
        } catch (RuntimeException e) {
            queue.add(AttemptFailure.of(Category.UNAVAILABLE, true, "model stream failed: " + e, e));
        } finally {
            queue.add(END);
        }
    }

    private void accept(StreamPiece piece, ReplyListener listener) {
        if (piece instanceof StreamPiece.Text t) {
            output = true;
            text.append(t.delta());
            listener.onText(t.delta());
        } else if (piece instanceof StreamPiece.ToolUse t) {
            output = true;
            toolCalls.add(t.call());
        } else if (piece instanceof StreamPiece.Started) {
            output = true;
        } else if (piece instanceof StreamPiece.Finished f) {
            stopReason = f.reason();
        }
    }

    private ModelReply finished(String provider) {
        if (stopReason == null) {
            // The stream ended without the provider's end marker: the connection was cut.
            var failure = AttemptFailure.of(Category.UNAVAILABLE, true, provider + " stream ended before the reply was complete", null);
            throw output ? failure.notRetryable() : failure;
        }
        return new ModelReply(text.toString(), toolCalls, stopReason);
    }

    private ModelReply cancelled() {
        call.abort();
        return new ModelReply(text.toString(), toolCalls, ModelReply.StopReason.CANCELLED);
    }

    private AttemptFailure timedOut(String provider, boolean firstToken) {
        call.abort();
        return AttemptFailure.of(Category.TIMEOUT, false,
                provider + (firstToken ? " sent no first token in time" : " did not finish the reply in time"), null);
    }
}
