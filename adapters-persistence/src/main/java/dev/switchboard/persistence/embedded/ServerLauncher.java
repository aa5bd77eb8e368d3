package dev.switchboard.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Starts zonky's PostgreSQL with the settings that work for Switchboard on any machine. */
final class ServerLauncher {
    private ServerLauncher() {}

    /**
     * @param dataDir a directory kept across restarts (initdb runs only when it holds no
     *     cluster yet), or {@code null} for a throw-away directory under {@code workDir}. A kept
     *     directory is claimed with a {@link DataDirectoryLock} first: a live Switchboard's server
     *     is never touched, only one whose process died
     * @param port 0 for any free port
     * @throws DataDirectoryInUse when another live process runs a server on {@code dataDir}
     */
    static LaunchedServer start(Path dataDir, Path workDir, int port) {
        return dataDir == null ? startThrowAway(workDir, port) : startKept(dataDir, workDir, port);
    }

    private static LaunchedServer startKept(Path dataDir, Path workDir, int port) {
        var lock = DataDirectoryLock.acquire(dataDir);
        try {
            OrphanedServer.stopIfRunning(dataDir);
            var passwordFile = dataDir.resolveSibling(dataDir.getFileName() + "-password");
            var password = ClusterAccess.password(passwordFile);
            var builder = ClusterAccess.configure(common(workDir, port), passwordFile, password)
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    // zonky runs PostgreSQL with fsync and synchronous commit off, fine for
                    // tests, not for data a business keeps: later -c options win.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            var postgres = builder.start();
            try {
                ClusterAccess.secure(postgres, dataDir, password);
            } catch (RuntimeException e) {
                postgres.close();
                throw e;
            }
            return new LaunchedServer(postgres, password, lock);
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("embedded PostgreSQL did not start (data " + dataDir + ", binaries " + workDir + ")", e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static LaunchedServer startThrowAway(Path workDir, int port) {
        Path passwordFile = null;
        try {
            var password = ClusterAccess.random();
            // Owner-only (createTempFile's default); not in workDir, which zonky sweeps at start.
            passwordFile = Files.createTempFile("switchboard-initdb-", ".pw");
            Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            var postgres = ClusterAccess.configure(common(workDir, port), passwordFile, password)
                    .setCleanDataDirectory(true)
                    .start();
            return new LaunchedServer(postgres, password, null);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (binaries " + workDir + ")", e);
        } finally {
            if (passwordFile != null) passwordFile.toFile().delete();
        }
    }

    private static EmbeddedPostgres.Builder common(Path workDir, int port) throws IOException {
        Files.createDirectories(workDir);
        var builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(workDir.toFile())
                // An uninstalled LANG makes initdb fail; C is always there and sorts bytewise.
                .setLocaleConfig("locale", "C")
                // zonky's own hook races Micronaut's shutdown; the beans stop the server instead.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) builder.setPort(port);
        return builder;
    }
}
