package dev.switchboard.persistence.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store: a WAV per call under its tenant, served only once finished, and only to its tenant. */
class FileRecordingStoreTest {
    @TempDir
    Path dir;

    @Test
    void a_finished_recording_is_a_stereo_8khz_pcm16_wav_of_its_tenant_only() throws Exception {
        var store = new FileRecordingStore(dir, 1, 100, Duration.ofHours(1), Duration.ofMinutes(1));
        var tenant = new TenantId(UUID.randomUUID());
        var call = new CallId(UUID.randomUUID());
        var recording = store.open(tenant, call);
        var frame = new byte[160];
        java.util.Arrays.fill(frame, (byte) 0x20);
        for (int i = 0; i < 50; i++) recording.callerAudio(i * 20L, frame.clone());
        recording.agentAudio(frame.clone());
        assertThat(store.find(tenant, call)).as("not served while it is written").isEmpty();

        var saved = recording.finish().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(saved.duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(saved.sizeBytes()).isEqualTo(44 + 8000 * 4);
        assertThat(saved.droppedAudio()).isZero();
        assertThat(recording.finish().toCompletableFuture().get()).isSameAs(saved);
        var found = store.find(tenant, call).orElseThrow();
        assertThat(found.contentType()).isEqualTo("audio/wav");
        byte[] bytes;
        try (var in = found.content().open()) {
            bytes = in.readAllBytes();
        }
        assertThat(bytes).hasSize((int) found.sizeBytes());
        var header = ByteBuffer.wrap(bytes, 0, 44).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new int[] {header.getShort(20), header.getShort(22), header.getInt(24), header.getShort(34), header.getInt(40)})
                .containsExactly(1, 2, 8000, 16, 8000 * 4);
        assertThat(Files.exists(dir.resolve(tenant.value().toString()).resolve(call.value() + ".wav"))).isTrue();
        assertThat(store.find(new TenantId(UUID.randomUUID()), call)).isEmpty();
        store.close();
    }
}
