package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallEventObserver;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.RecordingCounts;
import dev.switchboard.domain.shared.PortFailure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's one writer of timeline events and transcript turns (ADR 007). Producers — the
 * turns of live calls — put records on a bounded queue and go on; one thread takes them off in
 * order and writes them as multi-row INSERTs of up to {@code batch-size} rows, waiting at most
 * {@code linger} for a batch to fill. A full queue holds producers back for {@code offer-timeout},
 * then drops the record. A batch that fails transiently is retried for {@code retry-for}; one the
 * database refuses is written row by row so only the bad rows are lost. Every record not stored
 * is logged and counted ({@link #counts}). {@link #close} drains the queue before the pool goes.
 */
@Singleton
final class PostgresCallRecorder implements CallRecorder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCallRecorder.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    /** What waits in the queue: a record, or a barrier that {@link #flush} waits on. */
    private sealed interface Item permits Event, Message, Flush {}

    private record Event(CallEvent event) implements Item {}

    private record Message(CallMessage message) implements Item {}

    private record Flush(CountDownLatch done) implements Item {}

    private final CallRepository calls;
    private final CallRecorderProperties settings;
    private final BlockingQueue<Item> queue;
    private final Thread writer;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final CallEventObserver[] observers;
    private volatile boolean closing;
    private volatile long closeDeadline;

    PostgresCallRecorder(CallRepository calls, CallRecorderProperties settings) {
        this(calls, settings, List.of());
    }

    /** @param observers see each event as it is handed over (metrics), on the producer's thread */
    @Inject
    PostgresCallRecorder(CallRepository calls, CallRecorderProperties settings, List<CallEventObserver> observers) {
        this.calls = calls;
        this.settings = settings;
        this.observers = observers.toArray(CallEventObserver[]::new);
        this.queue = new LinkedBlockingQueue<>(settings.capacity());
        this.writer = new Thread(this::run, "call-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void event(CallEvent event) {
        for (var observer : observers) {
            try {
                observer.observed(event);
            } catch (RuntimeException e) {
                // Metrics must never cost a call its timeline.
                LOG.debug("call event observer {} failed", observer, e);
            }
        }
        offer(new Event(event));
    }

    @Override
    public void message(CallMessage message) {
        offer(new Message(message));
    }

    @Override
    public boolean flush(Duration timeout) {
        if (Thread.currentThread() == writer) return true;
        if (!writer.isAlive()) return queue.isEmpty();
        var done = new CountDownLatch(1);
        try {
            return queue.offer(new Flush(done), timeout.toNanos(), TimeUnit.NANOSECONDS)
                    && done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public RecordingCounts counts() {
        return new RecordingCounts(stored.get(), retried.get(), failed.get(), dropped.get(), queue.size());
    }

    /** Stops taking records into the queue, waits for the writer to store what is queued, then lets it go. */
    @PreDestroy
    @Override
    public void close() {
        if (closing) return;
        closeDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
        closing = true;
        try {
            writer.join(settings.closeTimeout().toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var left = queue.size();
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.error("{} call records were still queued when the recorder closed; they are lost", left);
        } else {
            LOG.info("call recorder closed: {}", counts());
        }
    }

    private void offer(Item item) {
        if (closing && !writer.isAlive()) {
            // Late records (a socket closing during shutdown): stored on the caller's thread.
            write(List.of(item));
            return;
        }
        try {
            if (queue.offer(item) || queue.offer(item, settings.offerTimeout().toNanos(), TimeUnit.NANOSECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.incrementAndGet();
        LOG.warn("call record dropped, the recorder's queue stayed full ({} queued): {}", queue.size(), describe(item));
    }

    private void run() {
        var batch = new ArrayList<Item>(settings.batchSize());
        while (true) {
            Item first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closing) return;
                continue;
            }
            batch.add(first);
            if (!(first instanceof Flush)) fill(batch);
            write(batch);
            batch.clear();
        }
    }

    /** Adds what arrives within the batch window, up to a full batch; a flush barrier ends the batch at once. */
    private void fill(List<Item> batch) {
        long deadline = System.nanoTime() + (closing ? 0 : settings.linger().toNanos());
        while (batch.size() < settings.batchSize()) {
            Item next;
            try {
                long wait = deadline - System.nanoTime();
                next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            } catch (InterruptedException e) {
                next = null;
            }
            if (next == null) return;
            batch.add(next);
            if (next instanceof Flush) return;
        }
    }

    private void write(List<Item> batch) {
        var events = new ArrayList<CallEvent>();
        var messages = new ArrayList<CallMessage>();
        for (var item : batch) {
            if (item instanceof Event e) events.add(e.event());
            else if (item instanceof Message m) messages.add(m.message());
        }
        if (!events.isEmpty()) store("events", events, () -> calls.appendEvents(events), e -> calls.appendEvent(e), PostgresCallRecorder::describe);
        if (!messages.isEmpty()) store("transcript turns", messages, () -> calls.saveMessages(messages), m -> calls.saveMessage(m), PostgresCallRecorder::describe);
        for (var item : batch) if (item instanceof Flush f) f.done().countDown();
    }

    private <T> void store(String what, List<T> rows, Runnable all, java.util.function.Consumer<T> one,
                           java.util.function.Function<T, String> name) {
        long giveUpAt = System.nanoTime() + settings.retryFor().toNanos();
        long backoff = FIRST_BACKOFF.toMillis();
        while (true) {
            try {
                all.run();
                stored.addAndGet(rows.size());
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e)) break;
                long now = System.nanoTime();
                if (now >= giveUpAt || (closing && now >= closeDeadline)) {
                    failed.addAndGet(rows.size());
                    LOG.error("{} call {} lost: the database kept failing for {} ({})", rows.size(), what, settings.retryFor(), e.getMessage());
                    return;
                }
                retried.incrementAndGet();
                LOG.warn("storing {} call {} failed, retrying in {} ms: {}", rows.size(), what, backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
        // The database refused the batch: some row is bad (its call was deleted…). Row by row, so only it is lost.
        for (var row : rows) {
            try {
                one.accept(row);
                stored.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn("call record not stored: {} ({})", name.apply(row), e.getMessage());
            }
        }
    }

    /** The database away, a timeout, a deadlock or serialization failure: worth another try. */
    static boolean isTransient(Throwable failure) {
        for (var e = failure; e != null; e = e.getCause()) {
            if (e instanceof SQLException sql) {
                var state = sql.getSQLState() == null ? "" : sql.getSQLState();
                return state.isEmpty() || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("57014") || state.equals("40001") || state.equals("40P01");
            }
        }
        // No SQL error underneath: the pool gave no connection in time.
        return failure instanceof PortFailure p
                && (p.category() == PortFailure.Category.UNAVAILABLE || p.category() == PortFailure.Category.TIMEOUT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names a record without its content (words of the caller stay out of the logs). */
    private static String describe(Item item) {
        if (item instanceof Event e) return describe(e.event());
        if (item instanceof Message m) return describe(m.message());
        return "a flush";
    }

    private static String describe(CallEvent event) {
        return "event " + event.type() + " of call " + event.callId();
    }

    private static String describe(CallMessage message) {
        return "transcript turn " + message.id() + " (" + message.speaker() + ") of call " + message.callId();
    }
}
