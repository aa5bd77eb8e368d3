package dev.switchboard.persistence.recording;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.recording.CallRecording;
import dev.switchboard.domain.recording.RecordingStore;
import dev.switchboard.domain.recording.StoredRecording;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recordings as files: {@code <dir>/<tenant>/<call>.wav}, where {@code dir} is
 * {@code switchboard.recordings.dir} ({@code SWITCHBOARD_RECORDINGS_DIR}), by default
 * {@code <data dir>/recordings}. Each call's recording is written by its own serial lane on a
 * small shared pool ({@code writer-threads}), so 1,000 calls do not need 1,000 threads and a slow
 * disk never blocks a call's media; each lane holds at most {@code queue-capacity} pieces of audio
 * (about 20 ms each) and {@code max-pending-agent} of agent audio not yet played.
 */
@Singleton
final class FileRecordingStore implements RecordingStore {
    private final Path root;
    private final ExecutorService writers;
    private final int capacity;
    private final Duration maxDuration;
    private final Duration maxPendingAgent;

    @Inject
    FileRecordingStore(@Value("${switchboard.recordings.dir:}") String dir, @Value("${switchboard.data-dir:}") String dataDir,
                       @Value("${switchboard.recordings.writer-threads:2}") int threads,
                       @Value("${switchboard.recordings.queue-capacity:3000}") int capacity,
                       @Value("${switchboard.recordings.max-duration:4h}") Duration maxDuration,
                       @Value("${switchboard.recordings.max-pending-agent:2m}") Duration maxPendingAgent) {
        this(root(dir, dataDir), threads, capacity, maxDuration, maxPendingAgent);
    }

    FileRecordingStore(Path root, int threads, int capacity, Duration maxDuration, Duration maxPendingAgent) {
        this.root = root.toAbsolutePath().normalize();
        var count = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            var t = new Thread(r, "recording-writer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.capacity = capacity;
        this.maxDuration = maxDuration;
        this.maxPendingAgent = maxPendingAgent;
    }

    private static Path root(String dir, String dataDir) {
        if (dir != null && !dir.isBlank()) return Path.of(dir.strip());
        if (dataDir != null && !dataDir.isBlank()) return Path.of(dataDir.strip(), "recordings");
        return Path.of(System.getProperty("user.home"), ".switchboard", "recordings");
    }

    @Override
    public CallRecording open(TenantId tenantId, CallId callId) {
        return new FileCallRecording(file(tenantId, callId), writers, capacity, maxDuration, maxPendingAgent);
    }

    @Override
    public Optional<StoredRecording> find(TenantId tenantId, CallId callId) {
        var file = file(tenantId, callId);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(new StoredRecording("audio/wav", Files.size(file), () -> Files.newInputStream(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the recording of call " + callId.value(), e);
        }
    }

    /** Ids are UUIDs: no spelling of one can leave its tenant's directory. */
    private Path file(TenantId tenantId, CallId callId) {
        return root.resolve(tenantId.value().toString()).resolve(callId.value() + ".wav");
    }

    /** Lets the lanes finish what is queued (recordings of calls that just ended) before the process exits. */
    @PreDestroy
    void close() throws InterruptedException {
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
