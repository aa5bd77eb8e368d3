package dev.switchboard.persistence.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to an embedded PostgreSQL: the {@code postgres} role with a generated password
 * (SCRAM), over loopback only. zonky runs {@code initdb -A trust}, which lets any local user in
 * without a password; later initdb options win, so a new cluster gets its password and SCRAM
 * from the start, and a cluster created by an older Switchboard is given both at its next start.
 */
final class ClusterAccess {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterAccess.class);
    static final String USER = "postgres";
    /** The whole pg_hba.conf: nothing but loopback, always with the password. */
    static final String HBA = """
            # Written by Switchboard: the postgres role with its password (SCRAM), loopback only.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private ClusterAccess() {}

    /** The password kept in {@code file} (owner-only), created the first time. */
    static String password(Path file) {
        try {
            if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).strip();
            var password = random();
            createPrivate(file);
            Files.writeString(file, password, StandardCharsets.UTF_8);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the embedded PostgreSQL password file " + file, e);
        }
    }

    static String random() {
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An empty file only its owner can read, from its first byte (no window where the umask decides). */
    static void createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /**
     * Settings for a new cluster and for every start.
     *
     * @param passwordFile holds {@code password} on its first line, for initdb
     */
    static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder, Path passwordFile, String password) {
        return builder
                // zonky passes these as --key=value after its own "-A trust": the later options win.
                .setLocaleConfig("pwfile", passwordFile.toString())
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky's own connections (readiness check, getPostgresDatabase) log in with it.
                .setConnectConfig("password", password);
    }

    /**
     * After start: a cluster whose pg_hba.conf is not {@link #HBA} (one initdb'd with trust by an
     * older Switchboard, or initdb's own default) gets the password and then the file, reloaded
     * at once. The SCRAM verifier is computed here, so the password never reaches the server's log.
     */
    static void secure(EmbeddedPostgres server, Path dataDir, String password) {
        var hba = dataDir.resolve("pg_hba.conf");
        try {
            if (Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) return;
            try (var c = server.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
                c.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), "scram-sha-256");
                Files.writeString(hba, HBA, StandardCharsets.UTF_8);
                st.execute("SELECT pg_reload_conf()");
            }
            LOG.info("Embedded PostgreSQL in {} now takes password logins over loopback only", dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the embedded PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot secure the embedded PostgreSQL in " + dataDir, e);
        }
    }
}
