package dev.switchboard.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL once trusted every local connection ({@code initdb -A trust}): any user
 * of the machine could open the business's data without a password. Now: a generated password,
 * kept owner-only beside the data, and loopback only — for new clusters and for old ones.
 */
class ClusterAccessTest {
    private static final Path WORK = Path.of("target", "embedded-postgres").toAbsolutePath();

    @Test
    void a_new_cluster_takes_only_its_password_over_loopback() throws Exception {
        var dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "persistent-test")), "pw-")
                .resolve("postgres").toAbsolutePath();
        try (var server = ServerLauncher.start(dataDir, WORK, 0)) {
            assertLockedDown(server, dataDir);
        }
    }

    @Test
    void a_cluster_an_older_version_created_with_trust_gets_the_password_at_its_next_start() throws Exception {
        var dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "persistent-test")), "trust-")
                .resolve("postgres").toAbsolutePath();
        // What earlier versions did: zonky's defaults, initdb -A trust, no password.
        try (var old = EmbeddedPostgres.builder().setOverrideWorkingDirectory(WORK.toFile()).setLocaleConfig("locale", "C")
                .setDataDirectory(dataDir.toFile()).setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            try (var c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"))) {
                c.createStatement().execute("CREATE TABLE kept (id int)");
            }
        }
        try (var server = ServerLauncher.start(dataDir, WORK, 0)) {
            assertLockedDown(server, dataDir);
            try (var c = DriverManager.getConnection(server.jdbcUrl("postgres"), credentials(server.password()))) {
                assertThat(c.createStatement().executeQuery("SELECT count(*) FROM kept").next()).isTrue();
            }
        }
    }

    private static void assertLockedDown(LaunchedServer server, Path dataDir) throws Exception {
        var url = server.jdbcUrl("postgres");
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(url, credentials("wrong")).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        try (var c = DriverManager.getConnection(url, credentials(server.password()));
             var rs = c.createStatement().executeQuery("SHOW listen_addresses")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("localhost");
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).isEqualTo(ClusterAccess.HBA);
        var passwordFile = dataDir.resolveSibling("postgres-password");
        assertThat(Files.readString(passwordFile)).isEqualTo(server.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    }

    private static Properties credentials(String password) {
        var p = new Properties();
        p.setProperty("password", password);
        return p;
    }
}
