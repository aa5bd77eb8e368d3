package dev.switchboard.persistence.recording;

import dev.switchboard.audio.WavWriter;
import dev.switchboard.domain.recording.CallRecording;
import dev.switchboard.domain.recording.RecordingSaved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One call's recording as a WAV file. The media path only queues what happened (a bounded
 * queue: beyond {@code capacity} waiting pieces, audio is dropped and counted rather than let a
 * stalled disk hold the call's memory or its thread); one serial lane on the shared writer pool
 * mixes and writes it. The file is written as {@code <call>.wav.part} and renamed to
 * {@code <call>.wav} when finished, so a recording is only ever served whole.
 */
final class FileCallRecording implements CallRecording {
    private static final int BATCH = 256;

    private sealed interface Step {
        record Caller(long streamMillis, byte[] mulaw) implements Step {}
        record Agent(byte[] mulaw) implements Step {}
        record Clear() implements Step {}
        record Finish() implements Step {}
    }

    private final Path target;
    private final Path part;
    private final Executor writers;
    private final int capacity;
    private final long maxFrames;
    private final long maxPendingAgentSamples;
    private final ConcurrentLinkedQueue<Step> steps = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final CompletableFuture<RecordingSaved> saved = new CompletableFuture<>();
    // Only the lane touches these.
    private WavWriter wav;
    private StereoTimeline timeline;
    private IOException failure;

    FileCallRecording(Path target, Executor writers, int capacity, Duration maxDuration, Duration maxPendingAgent) {
        this.target = target;
        this.part = target.resolveSibling(target.getFileName() + ".part");
        this.writers = writers;
        this.capacity = capacity;
        this.maxFrames = maxDuration.toMillis() * StereoTimeline.SAMPLES_PER_MS;
        this.maxPendingAgentSamples = maxPendingAgent.toMillis() * StereoTimeline.SAMPLES_PER_MS;
    }

    @Override
    public void callerAudio(long streamMillis, byte[] mulaw) {
        offer(new Step.Caller(streamMillis, mulaw));
    }

    @Override
    public void agentAudio(byte[] mulaw) {
        offer(new Step.Agent(mulaw));
    }

    @Override
    public void cleared() {
        offer(new Step.Clear());
    }

    @Override
    public CompletionStage<RecordingSaved> finish() {
        if (finishing.compareAndSet(false, true)) {
            // Always queued, whatever the backlog: the recording must end.
            steps.add(new Step.Finish());
            waiting.incrementAndGet();
            schedule();
        }
        return saved;
    }

    private void offer(Step step) {
        if (finishing.get()) return;
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        steps.add(step);
        schedule();
    }

    private void schedule() {
        if (!draining.compareAndSet(false, true)) return;
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // Shutting down: the recording stays a .part file and is not served.
            draining.set(false);
            saved.completeExceptionally(new IOException("the recording writer has stopped", e));
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                var step = steps.poll();
                if (step == null) break;
                waiting.decrementAndGet();
                apply(step);
            }
        } finally {
            draining.set(false);
            // Another call's lane gets its turn between batches; this one goes on if more came.
            if (!steps.isEmpty()) schedule();
        }
    }

    private void apply(Step step) {
        if (saved.isDone()) return;
        try {
            if (failure == null && timeline == null) open();
            if (step instanceof Step.Finish) {
                finishNow();
                return;
            }
            if (failure != null) return;
            if (step instanceof Step.Caller c) timeline.caller(c.streamMillis(), c.mulaw());
            else if (step instanceof Step.Agent a) timeline.agent(a.mulaw());
            else if (step instanceof Step.Clear) timeline.cleared();
        } catch (IOException | RuntimeException e) {
            fail(e instanceof IOException io ? io : new IOException(e));
            if (step instanceof Step.Finish) saved.completeExceptionally(failure);
        }
    }

    private void open() throws IOException {
        try {
            Files.createDirectories(target.getParent());
            wav = WavWriter.create(part, 8000, 2);
            timeline = new StereoTimeline((l, r, n) -> wav.writeStereo(l, 0, r, 0, n), maxFrames, maxPendingAgentSamples);
        } catch (IOException | RuntimeException e) {
            fail(e instanceof IOException io ? io : new IOException(e));
        }
    }

    private void finishNow() throws IOException {
        if (failure != null) {
            saved.completeExceptionally(failure);
            return;
        }
        long frames = timeline.finish();
        wav.close();
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        saved.complete(new RecordingSaved(Duration.ofMillis(frames / StereoTimeline.SAMPLES_PER_MS), Files.size(target),
                dropped.get() + timeline.droppedAgentAudio()));
    }

    private void fail(IOException e) {
        if (failure == null) failure = e;
        try {
            if (wav != null) wav.close();
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // Nothing more to save.
        }
    }
}
