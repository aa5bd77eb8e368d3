package dev.switchboard.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Starts zonky's PostgreSQL with the settings that work for Switchboard on any machine. */
final class ServerLauncher {
    private ServerLauncher() {}

    /**
     * @param dataDir a directory kept across restarts (initdb runs only when it holds no
     *     cluster yet), or {@code null} for a throw-away directory under {@code workDir}
     * @param port 0 for any free port
     */
    static EmbeddedPostgres start(Path dataDir, Path workDir, int port) {
        try {
            Files.createDirectories(workDir);
            var builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir.toFile())
                    // An uninstalled LANG makes initdb fail; C is always there and sorts bytewise.
                    .setLocaleConfig("locale", "C")
                    // zonky's own hook races Micronaut's shutdown; the beans stop the server instead.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (dataDir != null) {
                Files.createDirectories(dataDir.getParent());
                OrphanedServer.stopIfRunning(dataDir);
                builder.setDataDirectory(dataDir.toFile())
                        .setCleanDataDirectory(false)
                        // zonky runs PostgreSQL with fsync and synchronous commit off, fine for
                        // tests, not for data a business keeps: later -c options win.
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            } else {
                builder.setCleanDataDirectory(true);
            }
            if (port > 0) builder.setPort(port);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (data " + dataDir + ", binaries " + workDir + ")", e);
        }
    }
}
