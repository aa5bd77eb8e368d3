package dev.switchboard.testkit.load;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a load run measured.
 *
 * @param plan           what was run
 * @param timings        the callers' latencies and lost calls
 * @param serverPids     the observed processes, in order
 * @param before         their usage before the first call
 * @param atPlateau      when the last call had started
 * @param atEnd          when the plateau ended (before hang-ups)
 * @param peak           the largest memory, threads and sockets seen on the plateau
 * @param plateauSeconds how long the plateau lasted
 */
public record LoadResult(LoadPlan plan, CallTimings timings, List<Long> serverPids, List<Optional<ProcessUsage>> before,
                         List<Optional<ProcessUsage>> atPlateau, List<Optional<ProcessUsage>> atEnd,
                         List<Optional<ProcessUsage>> peak, double plateauSeconds) {

    /** Calls lost: no socket, a turn without {@code last:true} within the reply timeout, a session ended early. */
    public int lostCalls() {
        return timings.lostCalls();
    }

    /** A report for a person, then one Markdown table row for {@code docs/benchmarks.md}. */
    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%d calls (ramp %.0f/s, a prompt every %d ms, plateau %.0f s): %d completed, %d lost%s%n",
                plan.calls(), plan.rampPerSecond(), plan.think().toMillis(), plateauSeconds, timings.completedCalls.get(), lostCalls(),
                lostCalls() == 0 ? "" : " (" + timings.lost.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ")) + ")");
        line(out, "webhook → TwiML", timings.webhook);
        line(out, "handshake + setup", timings.handshake);
        line(out, "prompt → first token", timings.firstToken);
        line(out, "prompt → last token", timings.lastToken);
        line(out, "load client's own lag", timings.clientLag);
        for (int i = 0; i < serverPids.size(); i++) serverLine(out, i);
        out.println();
        out.println("| calls | webhook p50 / p99 | first token p50 / p99 / max | last token p99 | turns | lost |"
                + serverPids.stream().map(p -> " CPU per call | RSS per call |").collect(Collectors.joining()));
        out.printf(Locale.ROOT, "| %,d | %s / %s | %s / %s / %s | %s | %,d | %d |%s%n", plan.calls(),
                ms(timings.webhook.percentileMillis(50)), ms(timings.webhook.percentileMillis(99)),
                ms(timings.firstToken.percentileMillis(50)), ms(timings.firstToken.percentileMillis(99)), ms(timings.firstToken.maxMillis()),
                ms(timings.lastToken.percentileMillis(99)), timings.firstToken.count(), lostCalls(),
                java.util.stream.IntStream.range(0, serverPids.size()).mapToObj(this::perCallCells).collect(Collectors.joining()));
        out.flush();
    }

    private void line(PrintWriter out, String what, Latencies l) {
        out.printf(Locale.ROOT, "  %-22s p50 %s  p99 %s  max %s  (n=%,d)%n", what, ms(l.percentileMillis(50)), ms(l.percentileMillis(99)),
                ms(l.maxMillis()), l.count());
    }

    private void serverLine(PrintWriter out, int i) {
        var start = atPlateau.get(i);
        var end = atEnd.get(i);
        var top = peak.get(i);
        var idle = before.get(i);
        if (start.isEmpty() || end.isEmpty() || top.isEmpty() || idle.isEmpty()) {
            out.printf("  %s: not observable%n", name(i));
            return;
        }
        double cores = (end.get().cpuSeconds() - start.get().cpuSeconds()) / plateauSeconds;
        out.printf(Locale.ROOT, "  %s (%d procs): %.2f cores on the plateau (%.2f ms CPU per call-second), RSS %d → %d MiB"
                        + " (%.0f KiB per call), threads %d → %d, sockets %d → %d%n",
                name(i), top.get().processes(), cores, cores * 1000 / plan.calls(), idle.get().rssBytes() >> 20,
                top.get().rssBytes() >> 20, (top.get().rssBytes() - idle.get().rssBytes()) / 1024.0 / plan.calls(),
                idle.get().threads(), top.get().threads(), idle.get().sockets(), top.get().sockets());
    }

    private String name(int i) {
        long pid = serverPids.get(i);
        return (pid == ProcessHandle.current().pid() ? "load client " : "process ") + pid;
    }

    private String perCallCells(int i) {
        var start = atPlateau.get(i);
        var end = atEnd.get(i);
        var top = peak.get(i);
        var idle = before.get(i);
        if (start.isEmpty() || end.isEmpty() || top.isEmpty() || idle.isEmpty()) return " – | – |";
        double cores = (end.get().cpuSeconds() - start.get().cpuSeconds()) / plateauSeconds;
        return String.format(Locale.ROOT, " %.2f ms/s | %.0f KiB |", cores * 1000 / plan.calls(),
                (top.get().rssBytes() - idle.get().rssBytes()) / 1024.0 / plan.calls());
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) return "–";
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
