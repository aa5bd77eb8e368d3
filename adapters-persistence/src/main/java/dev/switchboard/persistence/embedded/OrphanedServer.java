package dev.switchboard.persistence.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL left running on a data directory by a JVM that died without shutting down (kill
 * -9, a crash, an IDE's stop button). It holds the directory, so a new server cannot start there
 * until it is stopped; PostgreSQL's own {@code postmaster.pid} says which process it is.
 */
final class OrphanedServer {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedServer.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private OrphanedServer() {}

    /** Stops the server running on {@code dataDir}, if there is one; a stale pid file is left to PostgreSQL. */
    static void stopIfRunning(Path dataDir) {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return;
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return; // unreadable or half-written: PostgreSQL itself decides whether it is stale
        }
        var process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                // After a reboot the pid may belong to something else entirely.
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (process.isEmpty()) return;
        LOG.warn("PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", pid, dataDir);
        // SIGTERM is PostgreSQL's "smart" shutdown: its clients died with their JVM, so it exits
        // promptly and cleanly. Never SIGKILL: that could leave backends writing to the files.
        process.get().destroy();
        try {
            process.get().onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping PostgreSQL pid " + pid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PostgreSQL pid " + pid + " still holds " + dataDir + "; stop it and start again", e);
        }
    }
}
