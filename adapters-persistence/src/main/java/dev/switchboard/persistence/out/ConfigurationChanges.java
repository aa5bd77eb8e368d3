package dev.switchboard.persistence.out;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears, on a connection of its own (outside the pool, so it never takes a call's place), the
 * {@code switchboard_configuration} notifications that V29's triggers send when a tenant's
 * configuration changes in any instance, and drops that tenant's cached entries. Until it listens,
 * and whenever its connection is lost, {@link ConfigurationCache} caches nothing.
 */
@Context
@Requires(property = "switchboard.cache.enabled", notEquals = "false")
final class ConfigurationChanges {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationChanges.class);
    static final String CHANNEL = "switchboard_configuration";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final ConfigurationCache cache;
    private final HikariDataSource pool;
    private final Thread listener;
    private volatile boolean stopping;
    private volatile Connection connection;
    private volatile String lastHeard;

    ConfigurationChanges(ConfigurationCache cache, DataSource dataSource, DataSourceResolver resolver) {
        this.cache = cache;
        this.pool = resolver.resolve(dataSource) instanceof HikariDataSource hikari ? hikari : null;
        this.listener = new Thread(this::listen, "configuration-changes");
        listener.setDaemon(true);
        if (pool == null) LOG.warn("configuration cache off: the data source is not a Hikari pool, so its URL is unknown");
        else listener.start();
    }

    private void listen() {
        while (!stopping) {
            try (var c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
                connection = c;
                try (var s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                cache.hearingChanges(true);
                var pg = c.unwrap(PGConnection.class);
                while (!stopping) {
                    var notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications == null) continue;
                    for (var n : notifications) {
                        cache.changed(tenant(n.getParameter()));
                        lastHeard = n.getParameter();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopping) LOG.warn("configuration cache off until PostgreSQL can be heard again: {}", e.toString());
            } finally {
                cache.hearingChanges(false);
                connection = null;
            }
            if (!stopping) pause();
        }
    }

    /** The tenant named by a payload {@code table:tenant-id}; {@code null} (every tenant) if unreadable. */
    static TenantId tenant(String payload) {
        int colon = payload == null ? -1 : payload.lastIndexOf(':');
        try {
            return colon < 0 ? null : new TenantId(UUID.fromString(payload.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** The payload of the last notification heard: PostgreSQL delivers them in commit order. */
    String lastHeard() {
        return lastHeard;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        var c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // Closing to wake the listener; it is going away either way.
            }
        }
        listener.interrupt();
    }
}
