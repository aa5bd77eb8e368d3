package dev.switchboard.persistence.embedded;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings of the embedded PostgreSQL, used only when {@code datasources.default.url} is unset.
 *
 * @param enabled {@code false} makes an unset URL a configuration error instead of starting one
 * @param dataDir where the database files live; kept across restarts. Default
 *     {@code ~/.switchboard/postgres} (the app sets {@code $SWITCHBOARD_DATA_DIR/postgres})
 * @param workDir where the PostgreSQL binaries are unpacked, cached by their hash. Default
 *     {@code ~/.switchboard/embedded-postgres}
 * @param port TCP port on localhost; 0 picks a free one at each start
 * @param database the database Switchboard uses inside the server, created when missing
 * @param ephemeral {@code true}: one throw-away server per JVM in a temporary directory under
 *     {@code workDir}, and a fresh database for each application context (tests). Unset: true
 *     when the {@code test} environment is active, false otherwise
 */
@ConfigurationProperties("switchboard.embedded-postgres")
public record EmbeddedPostgresProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable String dataDir,
        @Nullable String workDir,
        @Bindable(defaultValue = "0") int port,
        @Bindable(defaultValue = "switchboard") String database,
        @Nullable Boolean ephemeral) {
}
