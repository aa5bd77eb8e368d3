package dev.switchboard.persistence.embedded;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL behind the default datasource, started on first use. Persistent mode
 * runs a server of its own on the configured data directory; ephemeral mode takes a fresh
 * database on the JVM's {@link SharedEphemeralServer}.
 *
 * <p>It stops the server in {@code @PreDestroy}, which must run after the Hikari pool has
 * closed. Micronaut destroys beans that listen for bean destruction after all other singletons,
 * so being a {@link BeanDestroyedEventListener} of the {@link DataSource} puts this bean last.
 */
@Singleton
@Requires(property = "switchboard.embedded-postgres.enabled", notEquals = "false")
final class EmbeddedPostgresServer implements BeanDestroyedEventListener<DataSource> {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String USER = ClusterAccess.USER;

    private final EmbeddedPostgresProperties properties;
    private final boolean ephemeral;
    private LaunchedServer server;
    private String database;

    EmbeddedPostgresServer(EmbeddedPostgresProperties properties, Environment environment) {
        this.properties = properties;
        this.ephemeral = properties.ephemeral() != null ? properties.ephemeral() : environment.getActiveNames().contains(Environment.TEST);
    }

    /** The JDBC URL of Switchboard's database, starting the server if need be. */
    synchronized String jdbcUrl() {
        if (server == null) start();
        return server.jdbcUrl(database);
    }

    /** The password of {@link #USER}, starting the server if need be. */
    synchronized String password() {
        if (server == null) start();
        return server.password();
    }

    /** Whether this context started (or joined) a server: false when a URL was configured. */
    synchronized boolean started() {
        return server != null;
    }

    private void start() {
        var workDir = directory(properties.workDir(), "embedded-postgres");
        if (ephemeral) {
            server = SharedEphemeralServer.get(workDir);
            database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        } else {
            var dataDir = directory(properties.dataDir(), "postgres");
            server = ServerLauncher.start(dataDir, workDir, properties.port());
            database = properties.database();
            LOG.info("Started embedded PostgreSQL on localhost:{} with data in {}", server.postgres().getPort(), dataDir);
        }
        execute("CREATE DATABASE \"" + database + "\"", true);
    }

    @Override
    public void onDestroyed(BeanDestroyedEvent<DataSource> event) {
        // Only here for the destruction order described above.
    }

    @PreDestroy
    synchronized void stop() {
        if (server == null) return;
        try {
            if (ephemeral) {
                // FORCE: a connection the pool missed must not keep the database alive.
                execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)", false);
            } else {
                server.close();
                LOG.info("Stopped embedded PostgreSQL");
            }
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            server = null;
        }
    }

    private void execute(String sql, boolean unlessExists) {
        try (var c = server.postgres().getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            if (unlessExists) {
                try (var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, database);
                    try (var rs = ps.executeQuery()) {
                        if (rs.next()) return;
                    }
                }
            }
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL: " + sql + " failed", e);
        }
    }

    private static Path directory(String configured, String name) {
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".switchboard", name);
    }
}
