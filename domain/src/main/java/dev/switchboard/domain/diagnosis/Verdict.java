package dev.switchboard.domain.diagnosis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the timeline says about a call: the first stage missing or failed (or {@code healthy}),
 * with the events that show it.
 *
 * @param detail what this call's events add to the code's general meaning (an error message, a
 *     silence's length…); empty when they add nothing
 * @param evidence the timeline events that support the verdict, in timeline order
 */
public record Verdict(VerdictCode code, String detail, List<Evidence> evidence) {
    public Verdict {
        Objects.requireNonNull(code, "code");
        detail = detail == null ? "" : detail;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /**
     * One event of the timeline.
     *
     * @param index its position in the call's timeline (as {@code GET /api/v1/calls/{id}} lists it), from 0
     */
    public record Evidence(int index, String type, Instant at) {
        public Evidence {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(at, "at");
        }
    }
}
