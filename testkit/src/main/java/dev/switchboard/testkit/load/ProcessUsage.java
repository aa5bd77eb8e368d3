package dev.switchboard.testkit.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a server process (and, for PostgreSQL, its whole process tree) uses, read from
 * {@code /proc} as any outside observer would: CPU time, resident memory, threads and open
 * sockets. Linux only; empty elsewhere or when the process is gone.
 *
 * @param cpuSeconds user + system CPU time so far, of the process and its live descendants
 * @param rssBytes   resident memory of the process and its descendants (shared pages counted in each)
 * @param threads    threads of the process and its descendants
 * @param sockets    open socket descriptors of the process and its descendants
 * @param processes  how many processes were summed
 */
public record ProcessUsage(double cpuSeconds, long rssBytes, int threads, int sockets, int processes) {
    private static final Path PROC = Path.of("/proc");
    // Linux reports CPU times in clock ticks; USER_HZ is 100 on every mainstream kernel build.
    private static final double TICKS_PER_SECOND = 100.0;

    /** The usage of {@code pid} and every process below it, now. */
    public static Optional<ProcessUsage> ofTree(long pid) {
        var pids = new ArrayList<Long>();
        pids.add(pid);
        pids.addAll(descendants(pid));
        double cpu = 0;
        long rss = 0;
        int threads = 0, sockets = 0, counted = 0;
        for (long p : pids) {
            var stat = stat(p);
            if (stat.isEmpty()) continue;
            var f = stat.get();
            cpu += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            threads += Integer.parseInt(f[17]);
            rss += residentBytes(p);
            sockets += sockets(p);
            counted++;
        }
        return counted == 0 ? Optional.empty() : Optional.of(new ProcessUsage(cpu, rss, threads, sockets, counted));
    }

    /** The fields of {@code /proc/pid/stat} after the command name: index 0 is the state. */
    private static Optional<String[]> stat(long pid) {
        try {
            var line = Files.readString(PROC.resolve(pid + "/stat"));
            return Optional.of(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static List<Long> descendants(long root) {
        var parents = new java.util.HashMap<Long, List<Long>>();
        try (var dirs = Files.list(PROC)) {
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                long pid = Long.parseLong(n);
                stat(pid).ifPresent(f -> parents.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(pid));
            });
        } catch (IOException e) {
            return List.of();
        }
        var found = new ArrayList<Long>();
        var queue = new java.util.ArrayDeque<Long>(List.of(root));
        while (!queue.isEmpty()) {
            for (long child : parents.getOrDefault(queue.poll(), List.of())) {
                found.add(child);
                queue.add(child);
            }
        }
        return found;
    }

    private static long residentBytes(long pid) {
        try {
            for (var line : Files.readAllLines(PROC.resolve(pid + "/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        } catch (IOException | RuntimeException gone) {
            // Gone between listing and reading: counts as nothing.
        }
        return 0;
    }

    private static int sockets(long pid) {
        try (var fds = Files.list(PROC.resolve(pid + "/fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException | RuntimeException closed) {
                    return false;
                }
            }).count();
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }
}
