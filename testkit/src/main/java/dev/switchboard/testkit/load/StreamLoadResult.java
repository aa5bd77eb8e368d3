package dev.switchboard.testkit.load;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a stream load run measured.
 *
 * @param plan               what was run
 * @param tally              the frames both ways, the latencies and the calls lost
 * @param serverPids         the observed processes, in order; the last is the load client itself
 * @param before             their usage before the first call
 * @param atPlateau          when the last call had started
 * @param atEnd              when the plateau ended (before hang-ups)
 * @param peak               the largest memory, threads and sockets seen on the plateau
 * @param plateauSeconds     how long the plateau lasted
 * @param sessionsLeftOpen   model sessions the server had not closed 15 s after the last hang-up
 */
public record StreamLoadResult(LoadPlan plan, FrameTally tally, List<Long> serverPids, List<Optional<ProcessUsage>> before,
                               List<Optional<ProcessUsage>> atPlateau, List<Optional<ProcessUsage>> atEnd,
                               List<Optional<ProcessUsage>> peak, double plateauSeconds, int sessionsLeftOpen) {

    /** Calls lost: not placed, closed by the server, or no caller frame reached the model. */
    public int lostCalls() {
        return tally.lostCalls();
    }

    /** Frames lost both ways: sent and never received. */
    public long lostFrames() {
        return tally.totals(true).lost() + tally.totals(false).lost();
    }

    /** Caller frames the model received. */
    public long callerFramesReceived() {
        return tally.totals(true).received();
    }

    /** Agent frames the callers received. */
    public long agentFramesReceived() {
        return tally.totals(false).received();
    }

    /** A report for a person, then one Markdown table row for {@code docs/benchmarks.md}. */
    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%d stream calls (ramp %.0f/s, an answer after every %d ms of caller audio, plateau %.0f s): %d completed, %d lost%s%n",
                plan.calls(), plan.rampPerSecond(), plan.think().toMillis(), plateauSeconds, tally.completedCalls.get(), lostCalls(),
                lostCalls() == 0 ? "" : " (" + tally.lost.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ")) + ")");
        line(out, "webhook → TwiML", tally.webhook);
        line(out, "TwiML → stream socket", tally.handshake);
        line(out, "start → model session", tally.modelConnect);
        direction(out, "caller → model", tally.totals(true), tally.callerToModel, tally.callerToModelSteady);
        direction(out, "model → caller", tally.totals(false), tally.modelToCaller, tally.modelToCallerSteady);
        if (tally.clears.get() + tally.untagged.get() + tally.stray.get() + sessionsLeftOpen + tally.clockErrors.get() > 0)
            out.printf(Locale.ROOT, "  clears %d, untagged frames %d, stray frames (another call's or run's) %d, model sessions left open %d,"
                    + " caller clock errors %d%n", tally.clears.get(), tally.untagged.get(), tally.stray.get(), sessionsLeftOpen, tally.clockErrors.get());
        for (int i = 0; i < serverPids.size(); i++) serverLine(out, i);
        out.println();
        out.println("| calls | webhook p99 | socket p99 | model session p99 | caller→model frames / lost / out of order | delay p50 / p99 / max"
                + " | model→caller frames / lost / out of order | delay p50 / p99 / max | calls lost |"
                + IntStream.range(0, serverPids.size()).mapToObj(i -> client(i) ? " client CPU per call | client RSS per call |"
                        : " CPU per call | RSS per call |").collect(Collectors.joining()));
        var up = tally.totals(true);
        var down = tally.totals(false);
        out.printf(Locale.ROOT, "| %,d | %s | %s | %s | %,d / %,d / %,d | %s | %,d / %,d / %,d | %s | %d |%s%n", plan.calls(),
                ms(tally.webhook.percentileMillis(99)), ms(tally.handshake.percentileMillis(99)), ms(tally.modelConnect.percentileMillis(99)),
                up.sent(), up.lost(), up.outOfOrder(), delays(tally.callerToModel), down.sent(), down.lost(), down.outOfOrder(),
                delays(tally.modelToCaller), lostCalls(), IntStream.range(0, serverPids.size()).mapToObj(this::perCallCells).collect(Collectors.joining()));
        out.flush();
    }

    private static void direction(PrintWriter out, String what, FrameTally.Totals t, Latencies delay, Latencies steady) {
        out.printf(Locale.ROOT, "  %-22s frames sent %,d, received %,d, lost %,d, out of order %,d, duplicated %,d%s%n", what, t.sent(), t.received(),
                t.lost(), t.outOfOrder(), t.duplicated(), t.heldDuringConnect() == 0 ? ""
                        : String.format(Locale.ROOT, " (%,d held while the model connected, not in the delays)", t.heldDuringConnect()));
        line(out, "  forwarding delay", delay);
        line(out, "    steady (no ramp)", steady);
    }

    private static String delays(Latencies l) {
        return ms(l.percentileMillis(50)) + " / " + ms(l.percentileMillis(99)) + " / " + ms(l.maxMillis());
    }

    private static void line(PrintWriter out, String what, Latencies l) {
        out.printf(Locale.ROOT, "  %-22s p50 %s  p99 %s  max %s  (n=%,d)%n", what, ms(l.percentileMillis(50)), ms(l.percentileMillis(99)),
                ms(l.maxMillis()), l.count());
    }

    private void serverLine(PrintWriter out, int i) {
        var start = atPlateau.get(i);
        var end = atEnd.get(i);
        var top = peak.get(i);
        var idle = before.get(i);
        if (start.isEmpty() || end.isEmpty() || top.isEmpty() || idle.isEmpty()) {
            out.printf("  process %d: not observable%n", serverPids.get(i));
            return;
        }
        double cores = (end.get().cpuSeconds() - start.get().cpuSeconds()) / plateauSeconds;
        out.printf(Locale.ROOT, "  %s %d (%d procs): %.2f cores on the plateau (%.2f ms CPU per call-second), RSS %d → %d MiB"
                        + " (%.0f KiB per call), threads %d → %d, sockets %d → %d%n",
                client(i) ? "load client (this process)" : "process", serverPids.get(i), top.get().processes(), cores, cores * 1000 / plan.calls(), idle.get().rssBytes() >> 20,
                top.get().rssBytes() >> 20, (top.get().rssBytes() - idle.get().rssBytes()) / 1024.0 / plan.calls(),
                idle.get().threads(), top.get().threads(), idle.get().sockets(), top.get().sockets());
    }

    /** Whether observed process {@code i} is the load client (observed last). */
    private boolean client(int i) {
        return i == serverPids.size() - 1 && serverPids.get(i) == ProcessHandle.current().pid();
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
