package dev.switchboard.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;

/**
 * A running embedded PostgreSQL, the password of its {@code postgres} role, and, for a persistent
 * data directory, this process's claim on it ({@code null} for a throw-away one).
 */
record LaunchedServer(EmbeddedPostgres postgres, String password, DataDirectoryLock lock) implements Closeable {
    /** The JDBC URL of {@code database}, without the password (given to the pool separately). */
    String jdbcUrl(String database) {
        return postgres.getJdbcUrl(ClusterAccess.USER, database);
    }

    /** Stops the server, then lets the directory go. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            if (lock != null) lock.close();
        }
    }

    @Override
    public String toString() {
        return "LaunchedServer[port " + postgres.getPort() + ", password=***]";
    }
}
