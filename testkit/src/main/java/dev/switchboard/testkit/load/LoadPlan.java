package dev.switchboard.testkit.load;

import java.time.Duration;
import java.util.List;

/**
 * What a load run does.
 *
 * @param calls        how many calls are live at the plateau
 * @param rampPerSecond how many new calls start per second until {@code calls} are live
 * @param think        the period of each caller's prompts: a prompt every {@code think}, measured
 *                     from the previous prompt (a slow reply delays the next prompt, never skips it)
 * @param hold         how long every call stays live once the last one has started
 * @param replyTimeout a turn without {@code last:true} within this is a lost call
 * @param lines        what callers say, in turn; chosen so that no line ends or transfers the call
 * @param callLength   how long one call lasts before its caller hangs up and dials again, keeping
 *                     the number of live calls constant (±25 % so that calls do not end in step);
 *                     zero: every call lasts the whole run
 */
public record LoadPlan(int calls, double rampPerSecond, Duration think, Duration hold, Duration replyTimeout, List<String> lines,
        Duration callLength) {
    /** Lines the offline model answers with a plain reply: no booking, transfer or goodbye. */
    public static final List<String> NEUTRAL_LINES = List.of("What are your opening hours?", "Where are you located?",
            "Do you take new clients?");

    public LoadPlan {
        if (calls < 1) throw new IllegalArgumentException("calls must be at least 1");
        if (!(rampPerSecond > 0)) throw new IllegalArgumentException("ramp must be above 0 calls per second");
        if (think.isNegative() || think.isZero()) throw new IllegalArgumentException("think must be above 0");
        if (hold.isNegative()) throw new IllegalArgumentException("hold must not be negative");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) throw new IllegalArgumentException("at least one line to say");
        if (callLength.isNegative()) throw new IllegalArgumentException("call length must not be negative");
    }

    /** A plan whose calls all last the whole run. */
    public LoadPlan(int calls, double rampPerSecond, Duration think, Duration hold, Duration replyTimeout, List<String> lines) {
        this(calls, rampPerSecond, think, hold, replyTimeout, lines, Duration.ZERO);
    }

    /** Whether callers hang up and dial again during the run. */
    public boolean churns() {
        return !callLength.isZero();
    }

    /** When call {@code index} (from 0) starts, after the run's start. */
    Duration startOf(int index) {
        return Duration.ofNanos((long) (index * 1e9 / rampPerSecond));
    }

    /** When every call hangs up, after the run's start: the last start plus the hold. */
    Duration end() {
        return startOf(calls - 1).plus(hold);
    }
}
