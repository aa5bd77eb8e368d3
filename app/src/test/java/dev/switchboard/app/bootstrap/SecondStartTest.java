package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.persistence.embedded.DataDirectoryLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line refusal {@code ./switchboard} prints when a Switchboard already runs on its data directory. */
class SecondStartTest {
    @TempDir
    Path dataDir;

    @Test
    void a_held_data_directory_is_refused_with_a_clear_message() {
        var env = Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString());
        assertThat(SecondStart.refusal(env::get)).isEmpty();
        try (var running = DataDirectoryLock.acquire(dataDir.resolve("postgres"))) {
            assertThat(SecondStart.refusal(env::get)).contains("Switchboard is already running on " + dataDir.toAbsolutePath()
                    + " (this process, pid " + ProcessHandle.current().pid() + "). Nothing was changed. "
                    + "Stop it first, or start this one with another SWITCHBOARD_DATA_DIR (and another PORT).");
        }
        assertThat(SecondStart.refusal(env::get)).isEmpty();
    }

    @Test
    void nothing_to_share_with_an_external_database_or_a_directory_not_yet_made() {
        var missing = dataDir.resolve("not-yet");
        assertThat(SecondStart.refusal(Map.of("SWITCHBOARD_DATA_DIR", missing.toString())::get)).isEmpty();
        assertThat(missing).doesNotExist();
        try (var running = DataDirectoryLock.acquire(dataDir.resolve("postgres"))) {
            assertThat(SecondStart.refusal(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(),
                    "DATABASE_URL", "postgres://u:p@db/sb")::get)).isEmpty();
        }
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }
}
