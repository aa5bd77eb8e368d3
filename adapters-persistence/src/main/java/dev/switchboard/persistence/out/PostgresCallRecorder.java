package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallEventObserver;
import dev.switchboard.domain.call.CallEventWrite;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.RecordingCounts;
import dev.switchboard.domain.shared.PortFailure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's writer of timeline events and transcript turns (ADR 007). Producers — the
 * turns of live calls — put records on a bounded queue and go on; a writer thread takes them off
 * in order and writes them as one INSERT per table of up to {@code batch-size} rows, waiting at
 * most {@code linger} for a batch to fill. There are {@code writers} such queues and threads; a
 * call's records always go to the same one, so each call's records keep their order (issue 12: one
 * writer, among a hundred busy call threads on two cores, fell behind at 1,000 calls). A full
 * queue holds producers back for {@code offer-timeout},
 * then drops the record. A batch that fails transiently is retried for {@code retry-for}; one the
 * database refuses is written row by row so only the bad rows are lost. Every record not stored
 * is logged and counted ({@link #counts}). {@link #close} drains the queue before the pool goes.
 */
@Singleton
final class PostgresCallRecorder implements CallRecorder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCallRecorder.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final long CLOSING_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** What waits in the queue: a record, or a barrier that {@link #flush} waits on. */
    private sealed interface Item permits Event, Message, Flush {}

    private record Event(CallEventWrite write) implements Item {}

    private record Message(CallMessage message) implements Item {}

    private record Flush(CountDownLatch done) implements Item {}

    private final CallRepository calls;
    private final CallRecorderProperties settings;
    private final Lane[] lanes;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final long keyPrefix = new SecureRandom().nextLong();
    private final AtomicLong keySequence = new AtomicLong();
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
        this.lanes = new Lane[settings.writers()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(settings.capacity() / lanes.length, lanes.length == 1 ? "call-recorder" : "call-recorder-" + (i + 1));
        }
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
        laneOf(event.callId()).offer(new Event(new CallEventWrite(nextKey(), event)));
    }

    /**
     * This instance's random half and a counter: unique without a random draw per event, and
     * increasing, so the keys' index grows at its right edge like the table's own id.
     */
    private UUID nextKey() {
        return new UUID(keyPrefix, keySequence.incrementAndGet());
    }

    @Override
    public void message(CallMessage message) {
        laneOf(message.callId()).offer(new Message(message));
    }

    private Lane laneOf(CallId call) {
        return lanes[Math.floorMod(call.hashCode(), lanes.length)];
    }

    @Override
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var barriers = new ArrayList<CountDownLatch>();
        for (var lane : lanes) {
            var done = lane.flush(deadline);
            if (done == null) return false;
            barriers.add(done);
        }
        try {
            for (var done : barriers) if (!done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return false;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public RecordingCounts counts() {
        int pending = 0;
        for (var lane : lanes) pending += lane.queue.size();
        return new RecordingCounts(stored.get(), retried.get(), failed.get(), dropped.get(), pending);
    }

    /** Stops taking records into the queues, waits for the writers to store what is queued, then lets them go. */
    @PreDestroy
    @Override
    public void close() {
        if (closing) return;
        closeDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
        closing = true;
        for (var lane : lanes) {
            try {
                lane.writer.join(Math.max(0, (closeDeadline - System.nanoTime()) / 1_000_000) + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int left = 0;
        for (var lane : lanes) left += lane.queue.size();
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.error("{} call records were still queued when the recorder closed; they are lost", left);
        } else {
            LOG.info("call recorder closed: {}", counts());
        }
    }

    /** One bounded queue and the thread that writes it. */
    private final class Lane {
        final BlockingQueue<Item> queue;
        final Thread writer;

        Lane(int capacity, String name) {
            this.queue = new LinkedBlockingQueue<>(Math.max(1, capacity));
            this.writer = new Thread(this::run, name);
            writer.setDaemon(true);
            writer.start();
        }

        /** A barrier queued behind everything already here, or null when there was no room in time. */
        CountDownLatch flush(long deadline) {
            var done = new CountDownLatch(1);
            if (Thread.currentThread() == writer || !writer.isAlive() && queue.isEmpty()) {
                done.countDown();
                return done;
            }
            if (!writer.isAlive()) return null;
            try {
                return queue.offer(new Flush(done), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) ? done : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        void offer(Item item) {
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
                long wait = closing ? 0 : deadline - System.nanoTime();
                try {
                    // A long batch window is waited in slices, so a shutdown does not sit it out.
                    next = wait > 0 ? queue.poll(Math.min(wait, CLOSING_CHECK_NANOS), TimeUnit.NANOSECONDS) : queue.poll();
                } catch (InterruptedException e) {
                    next = null;
                }
                if (next == null && wait > CLOSING_CHECK_NANOS) continue;
                if (next == null) return;
                batch.add(next);
                if (next instanceof Flush) return;
            }
        }
    }

    private void write(List<Item> batch) {
        var events = new ArrayList<CallEventWrite>();
        var messages = new ArrayList<CallMessage>();
        for (var item : batch) {
            if (item instanceof Event e) events.add(e.write());
            else if (item instanceof Message m) messages.add(m.message());
        }
        if (!events.isEmpty()) store("events", events, () -> calls.appendEventsOnce(events), e -> calls.appendEventsOnce(List.of(e)),
                e -> describe(e.event()));
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
        if (item instanceof Event e) return describe(e.write().event());
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
