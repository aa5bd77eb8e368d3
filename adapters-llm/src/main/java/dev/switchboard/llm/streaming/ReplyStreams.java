package dev.switchboard.llm.streaming;

import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.llm.config.LlmProperties;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a reply with the platform's timeouts and retry policy: attempts that fail before the
 * first token with a retryable failure (429, 5xx, broken connection) are tried again after the
 * provider's {@code retry-after} or an exponential backoff with jitter, within the total deadline.
 * Once text has reached the listener a failure is final. Thread-safe; one worker thread per
 * reply in flight.
 */
@Singleton
public final class ReplyStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyStreams.class);
    private static final AtomicLong THREADS = new AtomicLong();
    /** How long closing waits for replies still streaming before interrupting them. */
    private static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(5);

    private final LlmProperties properties;
    private final Pause pause;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        var t = new Thread(r, "llm-stream-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Inject
    public ReplyStreams(LlmProperties properties) {
        this(properties, Pause.real());
    }

    public ReplyStreams(LlmProperties properties, Pause pause) {
        this.properties = properties;
        this.pause = pause;
    }

    public LlmProperties properties() {
        return properties;
    }

    /**
     * @param provider names the provider in failure messages and logs
     * @param attempts prepares a fresh call for each attempt
     * @throws PortFailure when every allowed attempt failed, or the first failure was not retryable
     */
    public ModelReply reply(String provider, Supplier<ProviderCall> attempts, ReplyListener listener, Cancellation cancellation) {
        long deadline = System.nanoTime() + properties.totalTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            if (cancellation.isCancelled()) return new ModelReply("", List.of(), ModelReply.StopReason.CANCELLED);
            try {
                return new StreamingAttempt(attempts.get())
                        .run(workers, properties.firstTokenTimeout(), deadline, listener, cancellation, provider);
            } catch (AttemptFailure failure) {
                var wait = failure.retryAfter().orElse(backoff(attempt));
                boolean tooLong = wait.compareTo(properties.maxRetryAfter()) > 0
                        || System.nanoTime() + wait.toNanos() >= deadline;
                if (!failure.retryable() || attempt >= properties.maxAttempts() || tooLong) throw failure.failure();
                LOG.info("{} attempt {} failed ({}), retrying in {} ms", provider, attempt,
                        failure.failure().category(), wait.toMillis());
                if (!pause.await(wait, cancellation)) return new ModelReply("", List.of(), ModelReply.StopReason.CANCELLED);
            }
        }
    }

    private Duration backoff(int attempt) {
        long base = properties.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        // Jitter spreads the retries of many calls hit by the same outage.
        return Duration.ofMillis(capped - ThreadLocalRandom.current().nextLong(capped / 4 + 1));
    }

    /**
     * Replies still streaming finish (a SIGTERM has already let live turns end, ADR 007); only a
     * reply still running after {@link #CLOSE_GRACE} is interrupted.
     */
    @PreDestroy
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (workers.awaitTermination(CLOSE_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }
}
