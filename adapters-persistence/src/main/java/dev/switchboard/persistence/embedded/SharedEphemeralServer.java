package dev.switchboard.persistence.embedded;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one throw-away PostgreSQL of this JVM, shared by every application context that asks for an
 * ephemeral database. Test suites create one context per test class; starting a server for each
 * would multiply their run time, so contexts get a database each on this server instead.
 */
final class SharedEphemeralServer {
    private static final Logger LOG = LoggerFactory.getLogger(SharedEphemeralServer.class);
    private static LaunchedServer server;
    private static int starts;

    private SharedEphemeralServer() {}

    /** The running server, started on first use and stopped when the JVM exits. */
    static synchronized LaunchedServer get(Path workDir) {
        if (server == null) {
            var started = ServerLauncher.start(null, workDir, 0);
            starts++;
            LOG.info("Started ephemeral PostgreSQL on port {} for this JVM", started.postgres().getPort());
            // No application context owns it, so the JVM's exit is its end; its data directory is
            // deleted on close. Contexts still open then are being torn down too.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "ephemeral-postgres-stop"));
            server = started;
        }
        return server;
    }

    /** How many servers this JVM started; tests check that it stays at one. */
    static synchronized int starts() {
        return starts;
    }

    private static void close(LaunchedServer started) {
        try {
            started.close();
        } catch (IOException e) {
            LOG.warn("Ephemeral PostgreSQL did not stop cleanly", e);
        }
    }
}
