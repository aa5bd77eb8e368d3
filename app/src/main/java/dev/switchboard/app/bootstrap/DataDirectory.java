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

    static final String MASTER_KEY = "master-key";
    static final String PREVIOUS_MASTER_KEY = "master-key.previous";

    /** The key stored in {@code name}, if there is one. */
    java.util.Optional<String> existingKey(String name) {
        var file = path.resolve(name);
        try {
            return Files.exists(file) ? java.util.Optional.of(Files.readString(file).strip()) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes {@code text} to {@code name}, owner-only from the first byte, replacing it in one step (no half-written key). */
    void replaceKey(String name, String text) {
        var file = path.resolve(name);
        var next = path.resolve(name + ".next");
        try {
            Files.deleteIfExists(next);
            try {
                Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(next);
            }
            Files.writeString(next, text);
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void deleteKey(String name) {
        try {
            Files.deleteIfExists(path.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path.resolve(name), e);
        }
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
