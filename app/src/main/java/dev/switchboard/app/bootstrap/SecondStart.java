package dev.switchboard.app.bootstrap;

import dev.switchboard.persistence.embedded.DataDirectoryInUse;
import dev.switchboard.persistence.embedded.DataDirectoryLock;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checked before the server starts: is another live Switchboard already running on this data
 * directory? Then this start says so in one line and touches nothing, instead of failing deep in
 * the datasource's start-up (the embedded server takes the same lock, so this only makes the
 * answer clear; it is not the guard). With {@code DATABASE_URL} there is no embedded server to share.
 */
public final class SecondStart {
    private SecondStart() {}

    /** The refusal to print, when the data directory is held; reads the environment like the server does. */
    public static Optional<String> refusal() {
        return refusal(SwitchboardEnvironment::lookup);
    }

    static Optional<String> refusal(Function<String, String> env) {
        var databaseUrl = env.apply("DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank()) return Optional.empty();
        var postgres = DataDirectory.location(env.apply("SWITCHBOARD_DATA_DIR")).resolve("postgres");
        // A directory that does not exist yet is nobody's; checking must not create it.
        if (!Files.isDirectory(postgres.getParent())) return Optional.empty();
        try (var free = DataDirectoryLock.acquire(postgres)) {
            return Optional.empty();
        } catch (DataDirectoryInUse e) {
            return Optional.of(e.getMessage());
        }
    }
}
