package dev.switchboard.app.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where a development install keeps its state: the embedded PostgreSQL data and the keys
 * generated when none were configured. {@code SWITCHBOARD_DATA_DIR}, default {@code ~/.switchboard}.
 */
record DataDirectory(Path path) {

    static DataDirectory resolve(String configured) {
        var dir = location(configured);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        return new DataDirectory(dir.toAbsolutePath());
    }

    /** Where the data directory is, without creating it. */
    static Path location(String configured) {
        var dir = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".switchboard")
                : Path.of(configured);
        return dir.toAbsolutePath();
    }

    /**
     * The base64 key stored in {@code name}, created with {@code bytes} random bytes (owner-only
     * permissions) the first time. Generated keys are for development; production sets them.
     */
    String generatedKey(String name, int bytes) {
        var file = path.resolve(name);
        try {
            if (Files.exists(file)) return Files.readString(file).strip();
            var key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            var text = Base64.getEncoder().encodeToString(key);
            try {
                // Owner-only from the first byte: no window in which the umask decides.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
