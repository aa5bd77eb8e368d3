package dev.switchboard.persistence.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim a Switchboard process holds on a persistent data directory for as long as its
 * PostgreSQL runs: an OS file lock on {@code <dataDir>.lock} (e.g. {@code ~/.switchboard/postgres.lock})
 * with the holder's pid in it. The OS drops the lock when the process dies however it dies
 * (kill -9 included), so a PostgreSQL found running on a directory nobody holds is an orphan,
 * and one on a held directory belongs to a live Switchboard and must be left alone.
 */
public final class DataDirectoryLock implements AutoCloseable {
    /**
     * Lock files this JVM holds. Asking the OS twice from one process is not an answer (POSIX
     * locks belong to the process, and closing a second channel on the file could even drop
     * the first one's lock), so this process's own claims are checked here first.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the directory for this process.
     *
     * @throws DataDirectoryInUse when another live process (or this one) holds it
     */
    public static DataDirectoryLock acquire(Path dataDir) {
        var file = lockFile(dataDir);
        if (!HELD_HERE.add(file)) throw new DataDirectoryInUse(dataDir, "this process, pid " + ProcessHandle.current().pid());
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            // No TRUNCATE: the holder's pid must stay readable until we own the lock.
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            var lock = channel.tryLock();
            if (lock == null) {
                var holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                throw new DataDirectoryInUse(dataDir, holder.isEmpty() ? "another process" : "pid " + holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirectoryLock(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(file);
            if (e instanceof RuntimeException runtime) throw runtime;
            throw new UncheckedIOException("cannot lock " + file, (IOException) e);
        }
    }

    static Path lockFile(Path dataDir) {
        var absolute = dataDir.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /** Lets the next start have the directory; the file stays (deleting it would race a new holder). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it anyway.
        }
        closeQuietly(channel);
        HELD_HERE.remove(file);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}
